package dev.hindsight.projection;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the values of group keys and SQL accumulator states into a snapshot: SQL's Java representations, arrays
 * and lists of them. Public for {@code sql-engine}'s state codec; not an application API.
 *
 * <pre>
 *   tag byte | payload
 *   0 null   |
 *   1 String | modified UTF-8 (writeUTF), or 9 for long strings: int length + chars
 *   2 Long   | long        3 Integer | int        4 Double | double      5 Boolean | byte
 *   6 BigDecimal | int scale, int n, n bytes of the unscaled two's complement
 *   7 Object[] | int n, n values      8 List (fixed size, nulls allowed) | int n, n values
 *   10 Float | float      11 Short | short     12 Byte | byte
 * </pre>
 */
public final class Values {

    private Values() {
    }

    public static void write(Object v, DataOutput out) throws IOException {
        if (v == null) {
            out.writeByte(0);
        } else if (v instanceof String s) {
            if (s.length() < 16_384) {
                out.writeByte(1);
                out.writeUTF(s);
            } else {
                out.writeByte(9);
                out.writeInt(s.length());
                out.writeChars(s);
            }
        } else if (v instanceof Long l) {
            out.writeByte(2);
            out.writeLong(l);
        } else if (v instanceof Integer i) {
            out.writeByte(3);
            out.writeInt(i);
        } else if (v instanceof Double d) {
            out.writeByte(4);
            out.writeDouble(d);
        } else if (v instanceof Float f) {
            out.writeByte(10);
            out.writeFloat(f);
        } else if (v instanceof Short sh) {
            out.writeByte(11); // a SMALLINT: a snapshot of one refused it, and the projection had none
            out.writeShort(sh);
        } else if (v instanceof Byte b) {
            out.writeByte(12); // a TINYINT
            out.writeByte(b);
        } else if (v instanceof Boolean b) {
            out.writeByte(5);
            out.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(6);
            out.writeInt(d.scale());
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (v instanceof Object[] a) {
            out.writeByte(7);
            writeAll(Arrays.asList(a), out);
        } else if (v instanceof List<?> list) {
            out.writeByte(8);
            writeAll(list, out);
        } else {
            throw new IOException("cannot snapshot a value of " + v.getClass().getName());
        }
    }

    private static void writeAll(List<?> values, DataOutput out) throws IOException {
        out.writeInt(values.size());
        for (Object o : values) {
            write(o, out);
        }
    }

    public static Object read(DataInput in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> in.readUTF();
            case 2 -> in.readLong();
            case 3 -> in.readInt();
            case 4 -> in.readDouble();
            case 5 -> in.readBoolean();
            case 6 -> {
                int scale = in.readInt();
                byte[] unscaled = new byte[length(in)];
                in.readFully(unscaled);
                yield new BigDecimal(new BigInteger(unscaled), scale);
            }
            case 7 -> readAll(in);
            case 8 -> Arrays.asList(readAll(in));
            case 9 -> {
                char[] chars = new char[length(in)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = in.readChar();
                }
                yield new String(chars);
            }
            case 10 -> in.readFloat();
            case 11 -> in.readShort();
            case 12 -> in.readByte();
            default -> throw new IOException("bad value tag " + tag + " in snapshot");
        };
    }

    private static Object[] readAll(DataInput in) throws IOException {
        Object[] a = new Object[length(in)];
        for (int i = 0; i < a.length; i++) {
            a[i] = read(in);
        }
        return a;
    }

    private static int length(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new IOException("bad length " + n + " in snapshot");
        }
        return n;
    }
}
