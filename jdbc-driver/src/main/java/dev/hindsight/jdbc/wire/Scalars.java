package dev.hindsight.jdbc.wire;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import org.apache.calcite.avatica.proto.Common;

/**
 * A column's scalar value read from its {@code TypedValue} bytes to the object Avatica's client makes of it
 * ({@code TypedValue.fromProto(value).value}: a {@code Long} for a {@code LONG}, an {@code Integer} for a date's
 * days, …), for the types rows commonly carry; any other ({@code BIG_DECIMAL}, {@code BYTE_STRING}, characters,
 * arrays, objects, a type this version does not know) is {@link #NOT_READ}, for Avatica to read. Layout:
 * {@link ResultReader}.
 */
final class Scalars {

    /** Not read here: Avatica's to read. */
    static final Object NOT_READ = new Object();

    private Scalars() {
    }

    /** Reads a {@code TypedValue} from {@code in}, limited to the message. */
    static Object read(CodedInputStream in) throws IOException {
        int type = 0;
        boolean bool = false;
        String string = "";
        long number = 0;
        double real = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 8 -> type = in.readEnum();
                case 16 -> bool = in.readBool();
                case 26 -> string = in.readStringRequireUtf8();
                case 32 -> number = in.readSInt64();
                case 49 -> real = in.readDouble();
                case 56, 72, 80 -> in.readRawVarint64(); // null, component_type, implicitly_null: not read for these
                default -> {
                    in.skipRawBytes(in.getBytesUntilLimit()); // bytes or an array: Avatica's
                    return NOT_READ;
                }
            }
        }
        Common.Rep rep = Common.Rep.forNumber(type);
        if (rep == null) {
            return NOT_READ;
        }
        return switch (rep) {
            case STRING -> string;
            case LONG, PRIMITIVE_LONG, NUMBER, JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> number;
            case INTEGER, PRIMITIVE_INT, JAVA_SQL_DATE, JAVA_SQL_TIME -> (int) number;
            case SHORT, PRIMITIVE_SHORT -> (short) number;
            case BYTE, PRIMITIVE_BYTE -> (byte) number;
            case BOOLEAN, PRIMITIVE_BOOLEAN -> bool;
            case DOUBLE, PRIMITIVE_DOUBLE -> real;
            case FLOAT, PRIMITIVE_FLOAT -> Float.intBitsToFloat((int) number);
            case NULL -> null;
            default -> NOT_READ;
        };
    }
}
