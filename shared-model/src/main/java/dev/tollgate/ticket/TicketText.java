package dev.tollgate.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * A ticket as the model reads it: a header (subject, status, priority, tags) and then the comments
 * in order, each labelled with its role and time, HTML reduced to text. Built in memory for one
 * request; redaction, when the tenant asked for it, applies to everything the model will see.
 */
public final class TicketText {

    private final String header;
    private final List<String> comments;

    private TicketText(String header, List<String> comments) {
        this.header = header;
        this.comments = List.copyOf(comments);
    }

    public static TicketText of(Ticket ticket, UnaryOperator<String> redact) {
        StringBuilder header = new StringBuilder();
        header.append("Ticket #").append(ticket.id()).append('\n');
        header.append("Subject: ").append(redact.apply(oneLine(ticket.subject()))).append('\n');
        header.append("Status: ").append(ticket.status()).append('\n');
        header.append("Priority: ").append(ticket.priority().orElse("none")).append('\n');
        header.append("Tags: ").append(ticket.tags().isEmpty() ? "none" : String.join(", ", ticket.tags())).append('\n');
        ticket.requesterLocale().ifPresent(l -> header.append("Requester's language setting: ").append(l).append('\n'));
        List<String> comments = new ArrayList<>(ticket.comments().size());
        int n = 0;
        for (Comment c : ticket.comments()) {
            n++;
            String text = c.html() ? htmlToText(c.body()) : c.body().strip();
            comments.add("--- Comment " + n + " (" + c.role().label() + ", " + c.createdAt() + ")\n" + redact.apply(text) + "\n");
        }
        return new TicketText(header.toString(), comments);
    }

    public String header() {
        return header;
    }

    public List<String> comments() {
        return comments;
    }

    public String whole() {
        StringBuilder out = new StringBuilder(header).append('\n');
        comments.forEach(out::append);
        return out.toString();
    }

    /**
     * HTML to plain text, keeping paragraph and line breaks (jsoup's own text() would make one line
     * of a whole e-mail thread), dropping every tag, image and link target.
     */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        Document.OutputSettings keepBreaks = new Document.OutputSettings().prettyPrint(false);
        document.outputSettings(keepBreaks);
        document.select("br").after("\\n");
        for (Element block : document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")) {
            block.prepend("\\n");
        }
        String marked = document.html().replace("\\n", "\n");
        String text = Jsoup.clean(marked, "", Safelist.none(), keepBreaks);
        text = org.jsoup.parser.Parser.unescapeEntities(text, false);
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
