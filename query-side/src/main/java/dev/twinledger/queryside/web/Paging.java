package dev.twinledger.queryside.web;

/** The paging limits every list endpoint applies. */
public final class Paging {

    /** Largest page size. */
    public static final int MAX_SIZE = 500;
    /** Page size when none is given. */
    public static final String DEFAULT_SIZE = "50";

    private Paging() {
    }

    /** The row offset of a page; long, because page times size can pass {@code Integer.MAX_VALUE}. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
