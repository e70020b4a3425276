package org.osmium.shell.internal;

import java.io.PrintStream;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osmium.block.tool.ImgTool;

/**
 * The Gogo commands of scope {@code img}: the image tool inside the shell, with the same sub-commands, options and
 * output as {@code ./osmium img} (and {@code qemu-img}). A non-zero exit status fails the command.
 */
@Component(service = Object.class)
@GogoCommand(scope = CommandCatalog.IMG_SCOPE, function = {"create", "info", "check", "convert", "snapshot", "resize", "commit", "rebase", "map", "compare", "measure", "amend", "bench"})
public final class ImgCommands {

    @Descriptor("create a disk image (raw or qcow2), as qemu-img create")
    @Usage(syntax = "create [-f FMT] [-o OPTIONS] [-b BACKING -F FMT] FILE [SIZE]", examples = "create -f qcow2 disk.qcow2 1G")
    public void create(String... arguments) throws ImgFailure {
        run("create", arguments);
    }

    @Descriptor("show an image's format, sizes, backing chain and snapshots")
    @Usage(syntax = "info [--output=json] [--backing-chain] FILE", examples = "info disk.qcow2")
    public void info(String... arguments) throws ImgFailure {
        run("info", arguments);
    }

    @Descriptor("check an image's metadata; -r leaks|all repairs")
    @Usage(syntax = "check [-r leaks|all] [--output=json] FILE", examples = "check disk.qcow2")
    public void check(String... arguments) throws ImgFailure {
        run("check", arguments);
    }

    @Descriptor("copy an image into another format, optionally compressed")
    @Usage(syntax = "convert [-f FMT] -O FMT [-c] [-o OPTIONS] [-p] IN OUT", examples = "convert -O qcow2 disk.raw disk.qcow2")
    public void convert(String... arguments) throws ImgFailure {
        run("convert", arguments);
    }

    @Descriptor("create, list, apply or delete internal snapshots")
    @Usage(syntax = "snapshot -c|-l|-a|-d [NAME] FILE", examples = "snapshot -l disk.qcow2")
    public void snapshot(String... arguments) throws ImgFailure {
        run("snapshot", arguments);
    }

    @Descriptor("grow (or shrink, where allowed) an image")
    @Usage(syntax = "resize FILE [+|-]SIZE", examples = "resize disk.qcow2 +1G")
    public void resize(String... arguments) throws ImgFailure {
        run("resize", arguments);
    }

    @Descriptor("write an image's changes into its backing file")
    @Usage(syntax = "commit FILE", examples = "commit overlay.qcow2")
    public void commit(String... arguments) throws ImgFailure {
        run("commit", arguments);
    }

    @Descriptor("change an image's backing file (safe, or -u for metadata only)")
    @Usage(syntax = "rebase [-u] -b BACKING [-F FMT] FILE", examples = "rebase -b base.qcow2 -F qcow2 overlay.qcow2")
    public void rebase(String... arguments) throws ImgFailure {
        run("rebase", arguments);
    }

    @Descriptor("show where an image's data lives")
    @Usage(syntax = "map [--output=json] FILE", examples = "map disk.qcow2")
    public void map(String... arguments) throws ImgFailure {
        run("map", arguments);
    }

    @Descriptor("compare the guest-visible contents of two images")
    @Usage(syntax = "compare IMAGE1 IMAGE2", examples = "compare a.qcow2 b.raw")
    public void compare(String... arguments) throws ImgFailure {
        run("compare", arguments);
    }

    @Descriptor("how much space an image would take in a format")
    @Usage(syntax = "measure -O FMT (--size SIZE | FILE)", examples = "measure -O qcow2 --size 1G")
    public void measure(String... arguments) throws ImgFailure {
        run("measure", arguments);
    }

    @Descriptor("change options of an existing image")
    @Usage(syntax = "amend -o OPTIONS FILE", examples = "amend -o compat=1.1 disk.qcow2")
    public void amend(String... arguments) throws ImgFailure {
        run("amend", arguments);
    }

    @Descriptor("time 4 KiB requests on an image, as qemu-img bench")
    @Usage(syntax = "bench [-w] [-c COUNT] [-s SIZE] [-S STEP] FILE", examples = "bench -w -c 10000 disk.qcow2")
    public void bench(String... arguments) throws ImgFailure {
        run("bench", arguments);
    }

    /** Runs one sub-command; its output goes to the session (Gogo routes System.out and System.err per command). */
    private static void run(String command, String[] arguments) throws ImgFailure {
        String[] line = new String[arguments.length + 1];
        line[0] = command;
        System.arraycopy(arguments, 0, line, 1, arguments.length);
        PrintStream out = System.out;
        int status = ImgTool.run(line, out, System.err);
        out.flush();
        if (status != 0) {
            throw new ImgFailure("img:" + command + " ended with exit status " + status);
        }
    }

    /** An img sub-command that ended with a non-zero exit status (its own message was printed already). */
    static final class ImgFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ImgFailure(String message) {
            super(message);
        }
    }
}
