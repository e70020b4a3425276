package org.osmium.block;

import java.util.List;

/**
 * The outcome of checking an image, with qemu-img check's counters: errors ({@code corruptions}) and leaks found
 * and fixed, the end of the used part of the file, guest clusters in total and allocated, fragmented, compressed,
 * and one message per problem.
 */
public record CheckResult(long corruptions, long leaks, long corruptionsFixed, long leaksFixed, long imageEndOffset,
                          long totalClusters, long allocatedClusters, long fragmentedClusters,
                          long compressedClusters, List<String> messages) {
}
