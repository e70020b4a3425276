package org.osmium.runtime.internal;

import java.util.List;
import org.osmium.loader.LoadedImage;

/** What a machine loads into memory at boot and again at every reset, and where its harts start. */
record BootImages(List<LoadedImage> images, long startPc, long deviceTreeAddress) {
}
