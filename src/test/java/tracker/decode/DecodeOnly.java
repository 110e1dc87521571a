package tracker.decode;

import tracker.spool.Spool;


/** For the benchmark: demux and decode a spool without converting to BGR, to separate the two costs. */
public final class DecodeOnly {

    private DecodeOnly() {
    }

    /** @return frames decoded */
    public static long count(Spool spool, int decoderThreads) {
        try (Demuxer demuxer = new Demuxer(spool); Decoder decoder = new Decoder(demuxer, decoderThreads)) {
            long frames = 0;
            while (decoder.next() != null) {
                frames++;
            }
            return frames;
        }
    }
}
