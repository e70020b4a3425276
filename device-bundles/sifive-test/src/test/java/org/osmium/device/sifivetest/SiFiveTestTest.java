package org.osmium.device.sifivetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osmium.api.device.Device;
import org.osmium.api.device.MmioHandler;
import org.osmium.api.device.Region;
import org.osmium.api.model.Configuration;
import org.osmium.api.model.ModelException;
import org.osmium.testkit.RecordingDtNode;
import org.osmium.testkit.RecordingMachineControl;
import org.osmium.testkit.TestDeviceContext;

/** The test finisher's commands, its region and access widths, and its one property. */
class SiFiveTestTest {
    private final SiFiveTestModel model = new SiFiveTestModel();
    private final TestDeviceContext context = new TestDeviceContext("test0");
    private final RecordingMachineControl machine = context.machine();
    private final MmioHandler finisher;
    private final Device device;

    SiFiveTestTest() throws ModelException {
        Configuration configuration = model.schema().validate("test0 (sifive-test)", Map.of());
        device = model.create(context, configuration);
        finisher = device.regions().get(0).mmio();
    }

    @Test
    void passPowersOffWithStatusZero() {
        finisher.write(0, 4, 0x5555);
        assertEquals(List.of("powerOff 0"), machine.requests());
    }

    @Test
    void passIgnoresTheHighHalf() {
        finisher.write(0, 4, 0x00425555);
        assertEquals(List.of("powerOff 0"), machine.requests());
    }

    @Test
    void failPowersOffWithTheHighHalfAsStatus() {
        finisher.write(0, 4, (3 << 16) | 0x3333);
        finisher.write(0, 4, 0xffff3333L);
        assertEquals(List.of("powerOff 3", "powerOff 65535"), machine.requests());
    }

    @Test
    void resetResetsTheMachine() {
        finisher.write(0, 4, 0x7777);
        assertEquals(List.of("reset"), machine.requests());
    }

    @Test
    void sixteenBitWriteOfPassPowersOff() {
        finisher.write(0, 2, 0x5555);
        assertEquals(List.of("powerOff 0"), machine.requests());
    }

    @Test
    void otherValuesAndOffsetsAreIgnored() {
        finisher.write(0, 4, 0x1234);
        finisher.write(0, 4, 0x5556);
        finisher.write(4, 4, 0x5555);
        finisher.write(0xffc, 4, 0x3333);
        assertEquals(List.of(), machine.requests());
    }

    @Test
    void readsReturnZero() {
        finisher.write(0, 4, 0x1234);
        assertEquals(0, finisher.read(0, 4));
        assertEquals(0, finisher.read(0x800, 2));
    }

    @Test
    void onePageOfSixteenOrThirtyTwoBitRegisters() {
        Region region = device.regions().get(0);
        assertEquals(0, region.offset());
        assertEquals(0x1000, region.size());
        assertEquals(MmioHandler.SIZE_2 | MmioHandler.SIZE_4, finisher.accessSizes());
    }

    @Test
    void deviceTreeHasQemusSysconAndItsPoweroffAndRebootNodes() {
        SiFiveTest test = (SiFiveTest) device;
        RecordingDtNode root = new RecordingDtNode("/");
        RecordingDtNode node = root.child("soc").child("test@100000");
        test.describe(node, root);
        assertEquals("test@100000", test.nodeName(0x100000));
        assertEquals("/soc", test.parentPath());
        assertEquals(Map.of("compatible", "\"sifive,test1\", \"sifive,test0\", \"syscon\"", "phandle", "<0x1>"),
                node.properties());
        assertEquals(List.of("soc", "poweroff", "reboot"), List.copyOf(root.children().keySet()));
        assertEquals(List.of("value=<0x5555>", "offset=<0x0>", "regmap=<0x1>", "compatible=\"syscon-poweroff\""),
                lines(root.children().get("poweroff")));
        assertEquals(List.of("value=<0x7777>", "offset=<0x0>", "regmap=<0x1>", "compatible=\"syscon-reboot\""),
                lines(root.children().get("reboot")));
    }

    private static List<String> lines(RecordingDtNode node) {
        return node.properties().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }

    @Test
    void baseDefaultsToQemuVirtsAddress() throws ModelException {
        assertEquals(0x100000L, model.schema().validate("test0 (sifive-test)", Map.of()).getLong("base"));
        assertEquals("sifive-test", model.type());
    }

    @Test
    void badBaseIsRefusedNamingTheProperty() {
        ModelException error = assertThrows(ModelException.class,
                () -> model.schema().validate("test0 (sifive-test)", Map.of("base", "here")));
        assertEquals("test0 (sifive-test): property 'base': 'here' is not an address such as 0x10000000", error.getMessage());
    }

    @Test
    void unknownPropertyIsRefusedListingTheAcceptedOnes() {
        ModelException error = assertThrows(ModelException.class,
                () -> model.schema().validate("test0 (sifive-test)", Map.of("size", "4K")));
        assertTrue(error.getMessage().endsWith("unknown property 'size'; accepted: base"), error.getMessage());
    }
}
