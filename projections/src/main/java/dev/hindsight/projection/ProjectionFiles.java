package dev.hindsight.projection;

import dev.hindsight.log.FileFailure;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The projections' files in {@code <data dir>/projections/}: {@code <name>.sql} holds a SQL definition as written,
 * {@code <name>.snapshot} a checkpoint with the state it belongs to. Every file is written to a temporary name,
 * fsynced, renamed over the old one and the directory fsynced, so a crash leaves the old file or the new, never a
 * mix: the checkpoint and its state are one file, so they cannot disagree.
 *
 * <pre>
 * snapshot := "HSPS" int(2) utf(fingerprint) long(position) utf(anchor) int(groups) group* long(crc32 of all before)
 * group    := value(key) long(seq of its latest state) state (the fold's codec)
 * anchor   := the event id of the log's event at position ("" at position 0)
 * </pre>
 * The anchor ties a snapshot to its log: one copied beside another log (a restore that kept the projections
 * directory) names another event at its position and is not used, as the index checkpoint is not. Format 1 had none:
 * such a snapshot is not used either (one replay after the upgrade).
 */
final class ProjectionFiles {

    private static final int MAGIC = 0x48535053; // "HSPS"
    private static final int FORMAT = 2;

    private final Path dir;

    ProjectionFiles(Path dataDir) {
        this.dir = dataDir.resolve("projections");
    }

    /** Every stored SQL definition by name. */
    Map<String, String> definitions() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sql")) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                String name = file.substring(0, file.length() - 4);
                String text = definition(name); // null: dropped since it was listed (a DROP racing this read)
                if (text != null) {
                    out.put(name, text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read projection definitions in " + dir, e);
        }
        return out;
    }

    /** The stored SQL definition of {@code name}, or {@code null} if there is none. */
    String definition(String name) {
        try {
            return Files.readString(dir.resolve(name + ".sql"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the definition of projection " + name + " in " + dir, e);
        }
    }

    void saveDefinition(String name, String sql) {
        writeAtomically(dir.resolve(name + ".sql"), out -> out.write(sql.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes a projection's definition and snapshot. */
    void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".sql"));
            Files.deleteIfExists(dir.resolve(name + ".snapshot"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the files of projection " + name + " in " + dir, e);
        }
    }

    /** Deletes a projection's snapshot (a projection taken back before its definition was stored). */
    void deleteSnapshot(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".snapshot"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the snapshot of projection " + name + " in " + dir, e);
        }
    }

    /** Writes the view's latest states and position as the projection's checkpoint. Runner thread only. */
    void saveSnapshot(Fold fold, StateCodec<Object> codec, ProjectionView view, LongFunction<String> eventIdAt) {
        String anchor = view.position() == 0 ? "" : eventIdAt.apply(view.position());
        writeAtomically(dir.resolve(fold.name() + ".snapshot"), raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(fold.fingerprint());
            out.writeLong(view.position());
            out.writeUTF(anchor);
            out.writeInt(view.groupCount());
            for (Map.Entry<Object, GroupHistory> e : view.groups().entrySet()) {
                Values.write(e.getKey(), out);
                out.writeLong(e.getValue().latestSeq());
                codec.write(e.getValue().latest(), out);
            }
            out.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        });
    }

    /**
     * The projection's checkpoint as a view exact from its position on, if there is one for this definition and it
     * reads whole; otherwise empty (the projection then starts from seq 1).
     */
    Optional<ProjectionView> loadSnapshot(Fold fold, StateCodec<Object> codec, LongFunction<String> eventIdAt)
            throws IOException {
        Path file = dir.resolve(fold.name() + ".snapshot");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a projection snapshot of this version: " + file);
            }
            if (!in.readUTF().equals(fold.fingerprint())) {
                return Optional.empty(); // made by another definition of the same name
            }
            long position = in.readLong();
            String anchor = in.readUTF();
            if (position > 0 && !anchor.equals(eventIdAt.apply(position))) {
                return Optional.empty(); // made over another log, or one that lost its tail since
            }
            ProjectionView view = new ProjectionView(position, position);
            int groups = in.readInt();
            for (int i = 0; i < groups; i++) {
                Object key = Values.read(in);
                long seq = in.readLong();
                view.groupOrNew(key).put(seq, codec.read(in));
            }
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new IOException("checksum mismatch in projection snapshot " + file);
            }
            return Optional.of(view);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private void writeAtomically(Path target, Body body) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.write(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself survives a power loss
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp); // a half-written file helps no one
            } catch (IOException ignored) {
                // the next write truncates it
            }
            throw e instanceof IOException io ? new ProjectionFileException("cannot write " + target + ": "
                + FileFailure.reason(io), io) : (RuntimeException) e;
        }
    }
}
