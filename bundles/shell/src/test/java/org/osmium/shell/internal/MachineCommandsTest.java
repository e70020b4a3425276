package org.osmium.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osmium.runtime.MachineException;

/** The machine commands, called through a real Gogo command processor as a shell would call them. */
class MachineCommandsTest {
    private final GogoHarness gogo = new GogoHarness();
    private final CommandSession session = gogo.session(new ByteArrayOutputStream());

    @AfterEach
    void close() {
        gogo.close();
    }

    private String run(String line) throws Exception {
        return String.valueOf(session.execute(line));
    }

    private String failure(String line) {
        return ErrorMessages.of(assertThrows(Exception.class, () -> session.execute(line)));
    }

    private InMemoryMachine machine(String name) throws MachineException {
        return (InMemoryMachine) gogo.manager.machine(name);
    }

    @Test
    void createFromABoardMakesTheMachineCurrent() throws Exception {
        assertEquals("created machine m0 from virt: 4 devices", run("create virt"));
        assertEquals("created machine demo (empty)", run("machine:create demo"));
        assertEquals("demo", session.get(CurrentMachine.VARIABLE));
        assertEquals("""
                   NAME  STATUS   DEVICES
                   m0    created  4
                *  demo  created  0""".stripIndent(), run("list"));
        assertEquals("using machine m0 (created)", run("use m0"));
        assertTrue(run("show").startsWith("machine m0: created\nID "), run("show"));
    }

    @Test
    void createTakesANameAndABoardFile(@TempDir Path directory) throws Exception {
        Path board = directory.resolve("small.board");
        Files.writeString(board, "add ram ram0 base=0x80000000 size=64K\n");
        assertEquals("created machine small from " + board + ": 1 device", run("create small " + board));
        assertEquals("created machine m0 from " + board + ": 1 device", run("create " + board));
        assertTrue(failure("create a b c").contains("usage: machine:create [NAME] [BOARD|FILE]"));
    }

    @Test
    void eachSessionHasItsOwnCurrentMachine() throws Exception {
        run("create one virt");
        CommandSession other = gogo.session(new ByteArrayOutputStream());
        other.execute("create two");
        assertEquals("added ram1 to one: ram 0.1.0 at ram 0x90000000-0x900fffff", run("add ram ram1 base=0x90000000 size=1M"));
        assertEquals(5, machine("one").devices().size());
        assertEquals(0, machine("two").devices().size());
    }

    @Test
    void commandsFallBackToTheLastCreatedMachine() throws Exception {
        assertEquals("no machine yet: create one with machine:create [NAME] [BOARD|FILE]", failure("show"));
        gogo.manager.create("elsewhere", "virt");
        assertTrue(run("show").startsWith("machine elsewhere: created"));
    }

    @Test
    void addSetWireRemoveChangeTheMachine() throws Exception {
        run("create virt");
        assertEquals("added uart1 to m0: ns16550a 0.1.0 at ns16550a 0x10000100-0x100001ff",
                run("add ns16550a uart1 base=0x10000100 chardev=null"));
        assertEquals("set uart1 chardev=stdio clock=1843200", run("set uart1 chardev=stdio clock=1843200"));
        assertEquals("1843200", machine("m0").devices().get(4).properties().get("clock"));
        assertEquals("wired uart1.irq -> plic0.11 in m0", run("wire uart1.irq plic0.11"));
        assertTrue(run("show").contains("irq -> plic0.11"));
        assertEquals("removed uart1 from m0", run("remove uart1"));
        assertEquals(4, machine("m0").devices().size());
    }

    @Test
    void badArgumentsAreRefusedNamingThem() throws Exception {
        run("create virt");
        assertEquals("machine:add: 'base' is not key=value; usage: machine:add MODEL[:VERSION] ID [key=value...]",
                failure("add ns16550a uart1 base"));
        assertEquals("machine:add: property 'base' is given twice", failure("add ns16550a uart1 base=0x1 base=0x2"));
        assertEquals("unknown model 'nosuch'", failure("add nosuch x1"));
        assertEquals("unknown property 'speed' of ns16550a", failure("set uart0 speed=9600"));
        assertEquals("machine:add: 1 argument given; usage: machine:add MODEL[:VERSION] ID [key=value...]", failure("add ram"));
        assertEquals("machine:mem: ADDR 'zz' is not an address such as 0x10000000", failure("mem zz"));
        assertEquals("machine:step: N must be at least 1, not 0", failure("step 0"));
        assertEquals("no device 'uart9' in m0; devices: ram0, hart0, test0, uart0", failure("show uart9"));
        assertEquals("no machine 'nope'; machines: m0", failure("use nope"));
        assertEquals("Command not found: frobnicate ('help' lists the commands)", failure("frobnicate"));
    }

    @Test
    void showOneDeviceIncludesItsState() throws Exception {
        run("create virt");
        assertEquals("""
                uart0: ns16550a 0.1.0
                  regions:    ns16550a 0x10000000-0x100000ff
                  wires:      none
                  properties: base=0x10000000 clock=3686400 chardev=null
                  state:
                    ns16550a state v1
                    scratch=0x5a""", run("show uart0"));
    }

    @Test
    void modelsListTypesAndOneModelItsProperties() throws Exception {
        String models = run("models");
        assertTrue(models.startsWith("TYPE         KIND    VERSION  DESCRIPTION"), models);
        assertTrue(models.contains("ns16550a     device  0.1.0    16550A UART         base clock chardev fifo"), models);
        String uart = run("models ns16550a");
        assertTrue(uart.startsWith("ns16550a 0.1.0 (device): 16550A UART\nPROPERTY"), uart);
        assertTrue(uart.contains("chardev   chardev  null              yes   backend"), uart);
        assertTrue(uart.contains("base      address  (required)"), uart);
        assertEquals("no model 'vga'; models: ram, ns16550a, sifive-test, rv64gc", failure("models vga"));
    }

    @Test
    void memDumpsLikeXxdAndNumbersTakeHex() throws Exception {
        run("create virt");
        assertEquals("""
                80000010: 1011 1213 1415 1617 1819 1a1b 1c1d 1e1f  ................
                80000020: 2021 2223                                 !"#""", run("mem 0x80000010 0x14"));
        assertEquals("no memory at 0x80100000", failure("mem 0x800ffff0 32"));
        assertEquals("m0: 16 instructions executed, pc=0x1040", run("step 0x10"));
        assertEquals("m0: 1 instruction executed, pc=0x1044", run("step"));
    }

    @Test
    void regsPrintsHexFourToALine() throws Exception {
        run("create virt");
        assertEquals("""
                pc 0x0000000000001000  x1 0x0000000000000011  x2 0x0000000000000022  x3 0x0000000000000033
                x4 0x0000000000000044  x5 0x0000000000000055""", run("regs hart0"));
        assertEquals("no hart 'hart7'; harts: hart0", failure("regs hart7"));
    }

    @Test
    void lifecycleCommandsReportTheMachine(@TempDir Path directory) throws Exception {
        run("create virt");
        Path program = Files.writeString(directory.resolve("prog.bin"), "x");
        assertEquals("loaded " + program + " into m0 at 0x80000000", run("load " + program + " 0x80000000"));
        assertEquals(program, machine("m0").loaded());
        assertEquals("m0 started", run("start"));
        assertEquals("m0 is already started", failure("start"));
        assertEquals("m0 paused", run("pause"));
        assertEquals("m0 resumed", run("resume"));
        assertEquals("m0 reset (running)", run("reset"));
        assertEquals("swapped uart0: ns16550a 0.1.0 -> ns16550a:0.2.0", run("swap uart0 ns16550a:0.2.0"));
        assertEquals("reloaded ns16550a for uart0", run("reload uart0"));
        Path board = directory.resolve("saved.board");
        assertEquals("saved m0 to " + board, run("save " + board));
        assertTrue(Files.readString(board).startsWith("add ram ram0 base=0x80000000 size=1M\n"));
        assertEquals("destroyed m0", run("destroy"));
        assertEquals(null, session.get(CurrentMachine.VARIABLE));
        assertTrue(gogo.manager.machines().isEmpty());
    }

    @Test
    void relativeFilesFollowTheSessionDirectory(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("tiny.board"), "add sifive-test test0 base=0x100000\n");
        session.currentDir(directory);
        assertEquals("created machine m0 from " + directory.resolve("tiny.board") + ": 1 device", run("create tiny.board"));
        run("save copy.board");
        assertTrue(Files.isRegularFile(directory.resolve("copy.board")));
    }

    @Test
    void waitSucceedsOnExitStatusZero() throws Exception {
        run("create virt");
        run("start");
        assertEquals("m0 is running after 10 ms", run("wait 10"));
        CompletableFuture.runAsync(() -> machineOrFail("m0").powerOff(0), CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        assertEquals("m0 powered off with exit status 0", run("wait"));
        assertTrue(run("list").contains("powered off (exit status 0)"));
    }

    @Test
    void waitFailsOnANonZeroExitStatus() throws Exception {
        run("create virt");
        assertEquals("m0 has not been started, so it cannot power off; machine:start it first", failure("wait"));
        run("start");
        machine("m0").powerOff(3);
        assertEquals("m0: the guest powered off with exit status 3", failure("machine:wait"));
    }

    @Test
    void waitEndsWhenItsJobIsInterruptedAsCtrlCDoes() throws Exception {
        run("create virt");
        run("start");
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> failure("wait"));
        while (!machine("m0").hasWaiter()) {
            Thread.onSpinWait();
        }
        session.foregroundJob().interrupt();
        assertEquals("interrupted", waiting.join());
        assertEquals("m0 paused", run("pause"));
    }

    private InMemoryMachine machineOrFail(String name) {
        try {
            return machine(name);
        } catch (MachineException e) {
            throw new IllegalStateException(e);
        }
    }
}
