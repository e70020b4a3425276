/** The raw format: the image file is the disk, byte for byte. */
package org.osmium.block.raw;
