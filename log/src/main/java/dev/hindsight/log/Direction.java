package dev.hindsight.log;

/** Reading direction of a stream: by ascending or descending version. */
public enum Direction {
    FORWARD, BACKWARD
}
