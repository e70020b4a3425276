package org.osmium.device.virtioblk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;
import org.osmium.api.device.Device;
import org.osmium.api.device.DeviceContext;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.DeviceModel;
import org.osmium.api.model.ModelException;
import org.osmium.api.model.PropertySchema;
import org.osmium.api.model.PropertySpec;
import org.osmium.api.model.PropertyType;
import org.osmium.block.BlockException;
import org.osmium.block.BlockImage;
import org.osmium.block.BlockImages;
import org.osmium.block.OpenOptions;

/** The {@code virtio-blk} model: a virtio block device on a virtio-mmio slot, its disk a raw or qcow2 image. */
@Component(service = DeviceModel.class)
public final class VirtioBlkModel implements DeviceModel {
    private static final PropertySchema SCHEMA = PropertySchema.of(
            PropertySpec.required("base", PropertyType.ADDRESS, "address", "guest physical address of the virtio-mmio slot"),
            PropertySpec.required("file", PropertyType.STRING, "path", "the disk image"),
            PropertySpec.optional("format", PropertyType.STRING, "auto", "", "image format: auto (probed), raw or qcow2"),
            PropertySpec.optional("readonly", PropertyType.BOOLEAN, "off", "", "open the image read-only; the guest sees a read-only disk"),
            PropertySpec.optional("serial", PropertyType.STRING, "", "", "the disk's serial id (GET_ID), at most 20 bytes"));

    @Override
    public String type() {
        return "virtio-blk";
    }

    @Override
    public String description() {
        return "virtio block device (virtio-mmio, virtio 1.x) backed by a raw or qcow2 image";
    }

    @Override
    public PropertySchema schema() {
        return SCHEMA;
    }

    @Override
    public Device create(DeviceContext context, Configuration configuration) throws ModelException {
        String owner = context.id() + " (virtio-blk)";
        String file = configuration.getString("file");
        if (file.isEmpty()) {
            throw new ModelException(owner + ": property 'file' is empty; give the image's path");
        }
        String format = switch (configuration.getString("format")) {
            case "auto" -> null;
            case "raw" -> "raw";
            case "qcow2" -> "qcow2";
            default -> throw new ModelException(owner + ": property 'format': '" + configuration.getString("format")
                    + "' is not auto, raw or qcow2");
        };
        String serial = configuration.getString("serial");
        if (serial.getBytes(StandardCharsets.UTF_8).length > BlockRequests.ID_BYTES) {
            throw new ModelException(owner + ": property 'serial': '" + serial + "' is longer than "
                    + BlockRequests.ID_BYTES + " bytes");
        }
        boolean readOnly = configuration.getBoolean("readonly");
        OpenOptions options = (readOnly ? OpenOptions.forReading() : OpenOptions.forWriting()).withFormat(format);
        BlockImage image;
        try {
            image = BlockImages.open(Path.of(file), options);
        } catch (BlockException e) {
            throw new ModelException(owner + ": property 'file': " + e.getMessage());
        }
        return new VirtioBlk(context.id(), image, readOnly, serial, context.addressSpace(), context.output("irq"));
    }
}
