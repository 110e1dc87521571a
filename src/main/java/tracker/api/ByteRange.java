package tracker.api;

/** A single {@code Range: bytes=...} request against a file of known size (multi-range requests get the whole file). */
record ByteRange(long start, long end, boolean satisfiable) {

    long length() {
        return end - start + 1;
    }

    /** The range asked for, or null to send the whole file. */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            }
            return start <= end && start < size ? new ByteRange(start, end, true) : new ByteRange(0, 0, false);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
