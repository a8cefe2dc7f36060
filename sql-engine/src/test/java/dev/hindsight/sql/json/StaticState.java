package dev.hindsight.sql.json;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the static fields of a package hold: every String reachable from them, through our own objects (field by
 * field), collections, maps, arrays and this thread's value of a thread-local. Other libraries' objects are not
 * entered; the package's own state is what a test of it asks about.
 */
final class StaticState {

    private StaticState() {
    }

    /** The strings reachable from the static fields of every class (nested ones too) in {@code of}'s package. */
    static List<String> stringsReachable(Class<?> of) throws Exception {
        Path dir = Path.of(of.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(of.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString();
                classes.add(Class.forName(of.getPackageName() + "." + name.substring(0, name.length() - 6)));
            }
        }
        Deque<Object> todo = new ArrayDeque<>();
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    push(todo, f.get(null));
                }
            }
        }
        return walk(todo);
    }

    private static List<String> walk(Deque<Object> todo) throws IllegalAccessException {
        List<String> strings = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof String s) {
                strings.add(s);
            } else if (o instanceof ThreadLocal<?> local) {
                push(todo, local.get());
            } else if (o instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    push(todo, k);
                    push(todo, v);
                });
            } else if (o instanceof Collection<?> collection) {
                collection.forEach(e -> push(todo, e));
            } else if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    push(todo, Array.get(o, i));
                }
            } else if (o.getClass().getName().startsWith("dev.hindsight.")) {
                for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            f.setAccessible(true);
                            push(todo, f.get(o));
                        }
                    }
                }
            }
        }
        return strings;
    }

    private static void push(Deque<Object> todo, Object o) {
        if (o != null) {
            todo.push(o);
        }
    }
}
