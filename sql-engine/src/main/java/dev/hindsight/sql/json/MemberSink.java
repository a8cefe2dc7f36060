package dev.hindsight.sql.json;

/** Receives the members of a document's top-level object, in order ({@link JsonCursor#members}). */
interface MemberSink {

    /**
     * A member whose key is bytes {@code [start, end)} (between its quotes) and whose value starts at
     * {@code value}; {@code key} is the decoded key if it holds escapes, else null (compare the bytes).
     */
    void member(int start, int end, String key, int value);
}
