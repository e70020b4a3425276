package org.osmium.devicetree;

import org.osmium.api.devicetree.DtNode;

/**
 * Builds, through the {@link DtNode} API, the tree QEMU 7.2 generates for {@code -M virt -m 256M} (one hart), node
 * for node and property for property in QEMU's order, without the random {@code /chosen/rng-seed}.
 */
final class QemuVirtTree {
    private static final long PLIC_PHANDLE_SLOT = 3;

    private QemuVirtTree() {
    }

    /**
     * @param intcAddressCells adds {@code #address-cells = <0>} to the hart's interrupt controller, which QEMU
     *        omits (dtc warns about it)
     */
    static DeviceTree build(boolean intcAddressCells) {
        DeviceTree tree = new DeviceTree();
        DtNode root = tree.root();
        root.cells("#address-cells", 2).cells("#size-cells", 2).strings("compatible", "riscv-virtio")
                .strings("model", "riscv-virtio,qemu");
        String[] rootChildren = {"pmu", "fw-cfg@10100000", "flash@20000000", "chosen", "poweroff", "reboot",
                "platform-bus@4000000", "memory@80000000", "cpus", "soc"};
        for (String name : rootChildren) {
            root.child(name);
        }
        DtNode soc = root.child("soc");
        String[] socChildren = {"rtc@101000", "serial@10000000", "test@100000", "pci@30000000",
                "virtio_mmio@10008000", "virtio_mmio@10007000", "virtio_mmio@10006000", "virtio_mmio@10005000",
                "virtio_mmio@10004000", "virtio_mmio@10003000", "virtio_mmio@10002000", "virtio_mmio@10001000",
                "plic@c000000", "clint@2000000"};
        for (String name : socChildren) {
            soc.child(name);
        }

        DtNode cpus = root.child("cpus");
        DtNode cpu = cpus.child("cpu@0");
        int cpuPhandle = cpu.phandle();
        cpu.strings("device_type", "cpu").cells("reg", 0).strings("status", "okay").strings("compatible", "riscv")
                .strings("riscv,isa", "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc")
                .strings("mmu-type", "riscv,sv48");
        DtNode intc = cpu.child("interrupt-controller");
        intc.cells("#interrupt-cells", 1).empty("interrupt-controller").strings("compatible", "riscv,cpu-intc");
        if (intcAddressCells) {
            intc.cells("#address-cells", 0);
        }
        int intcPhandle = intc.phandle();
        cpus.cells("#address-cells", 1).cells("#size-cells", 0).cells("timebase-frequency", 10_000_000);
        cpus.child("cpu-map").child("cluster0").child("core0").cells("cpu", cpuPhandle);

        DtNode plic = soc.child("plic@c000000");
        int plicPhandle = plic.phandle();
        if (plicPhandle != PLIC_PHANDLE_SLOT) {
            throw new IllegalStateException("the PLIC must get phandle 3 as in QEMU, got " + plicPhandle);
        }
        plic.cells("riscv,ndev", 0x60).longs("reg", 0xc000000, 0x600000)
                .cells("interrupts-extended", intcPhandle, 11, intcPhandle, 9).empty("interrupt-controller")
                .strings("compatible", "sifive,plic-1.0.0", "riscv,plic0").cells("#address-cells", 0)
                .cells("#interrupt-cells", 1);
        DtNode test = soc.child("test@100000");
        int testPhandle = test.phandle();
        test.longs("reg", 0x100000, 0x1000).strings("compatible", "sifive,test1", "sifive,test0", "syscon");

        root.child("pmu").cells("riscv,event-to-mhpmcounters", 0x01, 0x01, 0x7fff9, 0x02, 0x02, 0x7fffc, 0x10019,
                0x10019, 0x7fff8, 0x1001b, 0x1001b, 0x7fff8, 0x10021, 0x10021, 0x7fff8, 0, 0, 0, 0, 0)
                .strings("compatible", "riscv,pmu");
        root.child("fw-cfg@10100000").empty("dma-coherent").longs("reg", 0x10100000, 0x18)
                .strings("compatible", "qemu,fw-cfg-mmio");
        root.child("flash@20000000").cells("bank-width", 4)
                .longs("reg", 0x20000000, 0x2000000, 0x22000000, 0x2000000).strings("compatible", "cfi-flash");
        root.child("chosen").strings("stdout-path", "/soc/serial@10000000");
        root.child("poweroff").cells("value", 0x5555).cells("offset", 0).cells("regmap", testPhandle)
                .strings("compatible", "syscon-poweroff");
        root.child("reboot").cells("value", 0x7777).cells("offset", 0).cells("regmap", testPhandle)
                .strings("compatible", "syscon-reboot");
        root.child("platform-bus@4000000").cells("interrupt-parent", plicPhandle)
                .cells("ranges", 0, 0, 0x4000000, 0x2000000).cells("#address-cells", 1).cells("#size-cells", 1)
                .strings("compatible", "qemu,platform", "simple-bus");
        root.child("memory@80000000").strings("device_type", "memory").longs("reg", 0x80000000L, 0x10000000);

        soc.cells("#address-cells", 2).cells("#size-cells", 2).strings("compatible", "simple-bus").empty("ranges");
        soc.child("rtc@101000").cells("interrupts", 11).cells("interrupt-parent", plicPhandle)
                .longs("reg", 0x101000, 0x1000).strings("compatible", "google,goldfish-rtc");
        soc.child("serial@10000000").cells("interrupts", 10).cells("interrupt-parent", plicPhandle)
                .cells("clock-frequency", 3_686_400).longs("reg", 0x10000000, 0x100).strings("compatible", "ns16550a");
        pci(soc.child("pci@30000000"), plicPhandle);
        for (int slot = 8; slot >= 1; slot--) {
            long base = 0x10000000L + slot * 0x1000L;
            soc.child("virtio_mmio@" + Long.toHexString(base)).cells("interrupts", slot)
                    .cells("interrupt-parent", plicPhandle).longs("reg", base, 0x1000).strings("compatible", "virtio,mmio");
        }
        soc.child("clint@2000000").cells("interrupts-extended", intcPhandle, 3, intcPhandle, 7)
                .longs("reg", 0x2000000, 0x10000).strings("compatible", "sifive,clint0", "riscv,clint0");
        return tree;
    }

    /** The PCIe host: four INTx lines per slot swizzled onto PLIC sources 32 to 35. */
    private static void pci(DtNode pci, long plic) {
        long[] map = new long[16 * 6];
        int index = 0;
        for (int device = 0; device < 4; device++) {
            for (int pin = 1; pin <= 4; pin++) {
                long[] entry = {device * 0x800L, 0, 0, pin, plic, 0x20 + (device + pin - 1) % 4};
                System.arraycopy(entry, 0, map, index, entry.length);
                index += entry.length;
            }
        }
        pci.cells("interrupt-map-mask", 0x1800, 0, 0, 7).cells("interrupt-map", map)
                .cells("ranges", 0x1000000, 0, 0, 0, 0x3000000, 0, 0x10000, 0x2000000, 0, 0x40000000, 0, 0x40000000,
                        0, 0x40000000, 0x3000000, 4, 0, 4, 0, 4, 0)
                .longs("reg", 0x30000000, 0x10000000).empty("dma-coherent").cells("bus-range", 0, 0xff)
                .cells("linux,pci-domain", 0).strings("device_type", "pci").strings("compatible", "pci-host-ecam-generic")
                .cells("#size-cells", 2).cells("#interrupt-cells", 1).cells("#address-cells", 3);
    }
}
