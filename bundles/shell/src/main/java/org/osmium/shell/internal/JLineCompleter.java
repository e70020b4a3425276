package org.osmium.shell.internal;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Hands the {@link CompletionCandidates} of the word under the cursor to JLine. */
final class JLineCompleter implements Completer {
    private final CompletionCandidates candidates;

    JLineCompleter(CompletionCandidates candidates) {
        this.candidates = candidates;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> found) {
        List<String> before = line.words().subList(0, line.wordIndex());
        String partial = line.word().substring(0, line.wordCursor());
        for (CompletionCandidates.Completion completion : candidates.complete(before, partial)) {
            found.add(new Candidate(completion.value(), completion.value(), null, null, null, null, completion.complete()));
        }
    }
}
