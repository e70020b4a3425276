package org.osmium.loader;

import java.util.List;

/** A loadable image: its segments in file order and the address execution starts at. */
public record LoadedImage(List<Segment> segments, long entry) {

    public LoadedImage {
        segments = List.copyOf(segments);
    }
}
