package dev.twinledger.auditformat.cli;

import dev.twinledger.auditformat.SigningKeys;
import dev.twinledger.auditformat.export.ExportFormat;
import dev.twinledger.auditformat.export.ExportReader;
import dev.twinledger.auditformat.export.ExportVerdict;
import dev.twinledger.auditformat.export.ExportVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies an audit export offline:
 * {@code java -jar twinledger-audit-verify.jar [--public-key key.pem ...] export.jsonl|export.csv}.
 *
 * <p>Prints {@code OK: <n> entries, <m> links, <k> checkpoints verified; entries after position <p> are not covered by
 * a signature} and exits 0, or prints {@code BROKEN at position <p>: <KIND>: <detail>} and exits 1, or explains a
 * usage error or an unreadable file and exits 2. Trusted keys are the PEM files given (as
 * {@code GET /api/audit/public-keys} serves them); without any, the keys in the export's header are trusted, with a
 * warning that this proves only that the file is consistent with itself.
 */
public final class VerifyExport {

    /** Intact. */
    public static final int OK = 0;
    /** Something does not hold. */
    public static final int BROKEN = 1;
    /** Wrong arguments, or a file that cannot be read as an export. */
    public static final int UNUSABLE = 2;

    private static final String USAGE = "usage: java -jar twinledger-audit-verify.jar [--public-key key.pem ...] "
            + "export.jsonl|export.csv";

    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> keyFiles = new ArrayList<>();
        Path export = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--public-key")) {
                if (i + 1 == args.length) {
                    err.println("--public-key needs a file\n" + USAGE);
                    return UNUSABLE;
                }
                keyFiles.add(Path.of(args[++i]));
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return OK;
            } else if (args[i].startsWith("-") || export != null) {
                err.println("unexpected argument " + args[i] + "\n" + USAGE);
                return UNUSABLE;
            } else {
                export = Path.of(args[i]);
            }
        }
        if (export == null) {
            err.println(USAGE);
            return UNUSABLE;
        }
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : keyFiles) {
            try {
                keys.add(SigningKeys.readPublicKey(Files.readString(file, StandardCharsets.US_ASCII)));
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot read the public key " + file + ": " + e.getMessage());
                return UNUSABLE;
            }
        }
        ExportVerifier verifier = new ExportVerifier(keys);
        if (verifier.trustsTheExportsOwnKeys()) {
            err.println("WARNING: no --public-key given; trusting the keys the export's own header names. This proves"
                    + " only that the file is consistent with itself, not that the service signed it. Pass the keys"
                    + " from GET /api/audit/public-keys to prove that.");
        }
        ExportVerdict verdict;
        try (InputStream in = Files.newInputStream(export); ExportReader reader = ExportFormat.detect(in)) {
            verdict = verifier.verify(reader);
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot read " + export + ": " + e.getMessage());
            return UNUSABLE;
        } catch (ExportVerifier.NotAnExportException e) {
            err.println(export + " is not a Twinledger audit export: " + e.getMessage());
            return UNUSABLE;
        }
        if (!verdict.intact()) {
            ExportVerdict.Problem problem = verdict.problem();
            out.println("BROKEN at position " + problem.position() + ": " + problem.kind() + ": " + problem.detail());
            return BROKEN;
        }
        out.println("OK: " + verdict.entries() + " entries, " + verdict.links() + " links, " + verdict.checkpoints()
                + " checkpoints verified; " + (verdict.lastSignedPosition() < 0
                ? "no entry is covered by a signature"
                : "entries after position " + verdict.lastSignedPosition() + " are not covered by a signature"));
        return OK;
    }
}
