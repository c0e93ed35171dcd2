package dl10.lib;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Architecture figures drawn by code: boxes (layers, data, losses) and circles (operations such as
 * +, ×, sigmoid) placed on a grid, joined by arrows, with dashed groups around repeated blocks. Every
 * lesson draws its model with this class, so all figures share one look and one colour code
 * ({@link Role}).
 *
 * <pre>{@code
 * Diagram d = new Diagram("MLP 4-64-32-3");
 * var x = d.box(0, 0, "input x", "4 features", Diagram.Role.DATA);
 * var h = d.box(1, 0, "Linear + ReLU", "64 units", Diagram.Role.LAYER);
 * d.arrow(x, h);
 * BufferedImage picture = d.draw();
 * }</pre>
 *
 * Positions are grid cells (column, row), fractions allowed; a cell is {@link #cellWidth} by
 * {@link #cellHeight} pixels. Arrows run from border to border of the two nodes, straight or bent
 * into a curve ({@link #curve}). The drawing is sized to fit every node and label.
 */
public final class Diagram {

    /** What a node stands for; each role has one colour in every figure of the course. */
    public enum Role {
        /** Inputs, outputs, data sets (grey). */
        DATA(new Color(0xE8E8E8), new Color(0x555555)),
        /** Layers with trainable parameters (blue). */
        LAYER(new Color(0xD6E6F5), new Color(0x2B6CB0)),
        /** Parameter-free operations and activations (orange). */
        OPERATION(new Color(0xFCE5CD), new Color(0xC05621)),
        /** Losses and objectives (red). */
        LOSS(new Color(0xF8D7DA), new Color(0xC53030)),
        /** States and memories carried along: hidden state, cell state, replay buffer (green). */
        STATE(new Color(0xD9EAD3), new Color(0x2F855A)),
        /** Random noise and sampling (purple). */
        NOISE(new Color(0xE6DDF2), new Color(0x6B46C1)),
        /** Plain text without a frame. */
        TEXT(Color.WHITE, Color.WHITE);

        final Color fill;
        final Color line;

        Role(Color fill, Color line) {
            this.fill = fill;
            this.line = line;
        }
    }

    /** A node of the figure: a rounded box, or a circle for an operation. */
    public static final class Node {
        final double column;
        final double row;
        final String title;
        final String detail;
        final Role role;
        final boolean circle;
        Rectangle2D bounds;

        Node(double column, double row, String title, String detail, Role role, boolean circle) {
            this.column = column;
            this.row = row;
            this.title = title;
            this.detail = detail;
            this.role = role;
            this.circle = circle;
        }

        /** The node's title, as drawn. */
        public String title() {
            return title;
        }
    }

    private record Edge(Node from, Node to, String label, double bend, boolean dashed) {
    }

    private record Group(List<Node> nodes, String label) {
    }

    /** Width of one grid cell in pixels. */
    public int cellWidth = 150;
    /** Height of one grid cell in pixels. */
    public int cellHeight = 90;

    private final String title;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    /** A figure with a title drawn above it (may be empty). */
    public Diagram(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * A rounded box at grid cell (column, row) with a bold title and an optional smaller detail
     * line (a shape, a size), coloured by role.
     */
    public Node box(double column, double row, String title, String detail, Role role) {
        return add(new Node(column, row, requireText(title, "box"), detail, Objects.requireNonNull(role, "role"), false));
    }

    /** A small circle holding a symbol, for an operation such as "+", "×" or "σ". */
    public Node op(double column, double row, String symbol) {
        return add(new Node(column, row, requireText(symbol, "op"), null, Role.OPERATION, true));
    }

    /** Text without a frame, e.g. a note beside the figure. */
    public Node text(double column, double row, String text) {
        return add(new Node(column, row, requireText(text, "text"), null, Role.TEXT, false));
    }

    /** A straight arrow from one node to another. */
    public Diagram arrow(Node from, Node to) {
        return arrow(from, to, null);
    }

    /** A straight arrow with a label beside its middle. */
    public Diagram arrow(Node from, Node to, String label) {
        edges.add(new Edge(check(from), check(to), label, 0, false));
        return this;
    }

    /**
     * A curved arrow: bend is the sideways offset of the curve's middle in grid rows (positive bends
     * to the left of the direction of travel, i.e. upwards for a left-to-right arrow). Skip
     * connections and feedback loops use it.
     */
    public Diagram curve(Node from, Node to, String label, double bend) {
        edges.add(new Edge(check(from), check(to), label, bend, false));
        return this;
    }

    /** A dashed arrow, for what flows only in one phase (sampling, a target copy, a gradient). */
    public Diagram dashed(Node from, Node to, String label) {
        edges.add(new Edge(check(from), check(to), label, 0, true));
        return this;
    }

    /** A dashed frame around nodes with a label at its top right, e.g. "× 6" for a repeated block. */
    public Diagram group(String label, Node... members) {
        if (members.length == 0) {
            throw new IllegalArgumentException("group(\"" + label + "\"): give at least one node");
        }
        for (Node n : members) {
            check(n);
        }
        groups.add(new Group(List.of(members), label == null ? "" : label));
        return this;
    }

    /** Draws the figure at its natural size, on white. */
    public BufferedImage draw() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("the diagram \"" + title + "\" has no nodes; add boxes first");
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        Font titleFont = new Font(Charts.FONT, Font.BOLD, 13);
        Font detailFont = new Font(Charts.FONT, Font.PLAIN, 11);
        Font opFont = new Font(Charts.FONT, Font.BOLD, 15);
        Font headFont = new Font(Charts.FONT, Font.BOLD, 16);
        int margin = 24;
        int top = title.isEmpty() ? margin : margin + 30;
        for (Node n : nodes) {
            double cx = margin + (n.column + 0.5) * cellWidth;
            double cy = top + (n.row + 0.5) * cellHeight;
            if (n.circle) {
                pg.setFont(opFont);
                double r = Math.max(15, pg.getFontMetrics().stringWidth(n.title) / 2.0 + 8);
                n.bounds = new Rectangle2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            } else {
                pg.setFont(titleFont);
                FontMetrics tf = pg.getFontMetrics();
                double w = tf.stringWidth(n.title);
                double h = tf.getHeight();
                if (n.detail != null && !n.detail.isEmpty()) {
                    pg.setFont(detailFont);
                    FontMetrics df = pg.getFontMetrics();
                    w = Math.max(w, df.stringWidth(n.detail));
                    h += df.getHeight();
                }
                w += 20;
                h += 14;
                n.bounds = new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h);
            }
        }
        // crop: move the content so that it starts at the margin, below the title
        Rectangle2D content = null;
        for (Node n : nodes) {
            content = content == null ? (Rectangle2D) n.bounds.clone() : content.createUnion(n.bounds);
        }
        for (Group group : groups) {
            for (Node n : group.nodes()) {
                Rectangle2D b = n.bounds;
                content = content.createUnion(new Rectangle2D.Double(b.getX() - 14, b.getY() - 28, b.getWidth() + 28, b.getHeight() + 42));
            }
        }
        for (Edge e : edges) {
            if (e.bend() != 0) {
                Point2D[] ends = {center(e.from()), center(e.to())};
                Point2D c = control(e, ends[0], ends[1]);
                // a quadratic curve reaches half-way from its chord to its control point
                content.add(new Point2D.Double((c.getX() + (ends[0].getX() + ends[1].getX()) / 2) / 2,
                        (c.getY() + (ends[0].getY() + ends[1].getY()) / 2) / 2 - 16));
            }
        }
        double shiftX = margin - content.getX();
        double shiftY = top - content.getY();
        for (Node n : nodes) {
            n.bounds.setRect(n.bounds.getX() + shiftX, n.bounds.getY() + shiftY, n.bounds.getWidth(), n.bounds.getHeight());
        }
        double maxX = content.getMaxX() + shiftX;
        double maxY = content.getMaxY() + shiftY;
        pg.setFont(headFont);
        maxX = Math.max(maxX, pg.getFontMetrics().stringWidth(title) + margin);
        pg.dispose();
        int width = (int) Math.ceil(maxX + margin);
        int height = (int) Math.ceil(maxY + margin);

        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (!title.isEmpty()) {
            g.setColor(Color.BLACK);
            g.setFont(headFont);
            g.drawString(title, margin, margin + 14);
        }
        for (Group group : groups) {
            drawGroup(g, group, detailFont);
        }
        for (Edge e : edges) {
            drawEdge(g, e, detailFont);
        }
        for (Node n : nodes) {
            drawNode(g, n, titleFont, detailFont, opFont);
        }
        g.dispose();
        return out;
    }

    private void drawGroup(Graphics2D g, Group group, Font font) {
        Rectangle2D box = null;
        for (Node n : group.nodes()) {
            box = box == null ? (Rectangle2D) n.bounds.clone() : box.createUnion(n.bounds);
        }
        double pad = 12;
        Shape frame = new RoundRectangle2D.Double(box.getX() - pad, box.getY() - pad - 8,
                box.getWidth() + 2 * pad, box.getHeight() + 2 * pad + 8, 14, 14);
        g.setColor(new Color(0x777777));
        g.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        g.draw(frame);
        g.setFont(font.deriveFont(Font.BOLD));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(group.label(), (float) (box.getMaxX() + pad - fm.stringWidth(group.label()) - 6),
                (float) (box.getY() - pad + 6));
    }

    private void drawNode(Graphics2D g, Node n, Font titleFont, Font detailFont, Font opFont) {
        Rectangle2D b = n.bounds;
        if (n.role != Role.TEXT) {
            Shape shape = n.circle ? new Ellipse2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight())
                    : new RoundRectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 12, 12);
            g.setColor(n.role.fill);
            g.fill(shape);
            g.setColor(n.role.line);
            g.setStroke(new BasicStroke(1.6f));
            g.draw(shape);
        }
        g.setColor(new Color(0x1A1A1A));
        if (n.circle) {
            g.setFont(opFont);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(n.title, (float) (b.getCenterX() - fm.stringWidth(n.title) / 2.0),
                    (float) (b.getCenterY() + (fm.getAscent() - fm.getDescent()) / 2.0));
            return;
        }
        g.setFont(titleFont);
        FontMetrics tf = g.getFontMetrics();
        boolean hasDetail = n.detail != null && !n.detail.isEmpty();
        double y = hasDetail ? b.getY() + 7 + tf.getAscent() : b.getCenterY() + (tf.getAscent() - tf.getDescent()) / 2.0;
        g.drawString(n.title, (float) (b.getCenterX() - tf.stringWidth(n.title) / 2.0), (float) y);
        if (hasDetail) {
            g.setFont(detailFont);
            FontMetrics df = g.getFontMetrics();
            g.setColor(new Color(0x444444));
            g.drawString(n.detail, (float) (b.getCenterX() - df.stringWidth(n.detail) / 2.0),
                    (float) (y + tf.getDescent() + df.getAscent() + 1));
        }
    }

    private void drawEdge(Graphics2D g, Edge e, Font font) {
        Point2D a = center(e.from());
        Point2D b = center(e.to());
        double dx = b.getX() - a.getX();
        double dy = b.getY() - a.getY();
        Point2D c = control(e, a, b);
        Point2D start = exit(e.from(), e.bend() == 0 ? b : c);
        Point2D end = exit(e.to(), e.bend() == 0 ? a : c);
        g.setColor(new Color(0x333333));
        g.setStroke(e.dashed()
                ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(1.6f));
        Point2D tangentFrom;
        Point2D labelAt;
        if (e.bend() == 0) {
            g.draw(new java.awt.geom.Line2D.Double(start, end));
            tangentFrom = start;
            labelAt = new Point2D.Double((start.getX() + end.getX()) / 2, (start.getY() + end.getY()) / 2);
        } else {
            g.draw(new QuadCurve2D.Double(start.getX(), start.getY(), c.getX(), c.getY(), end.getX(), end.getY()));
            tangentFrom = c;
            labelAt = new Point2D.Double(0.25 * start.getX() + 0.5 * c.getX() + 0.25 * end.getX(),
                    0.25 * start.getY() + 0.5 * c.getY() + 0.25 * end.getY());
        }
        arrowHead(g, tangentFrom, end);
        if (e.label() != null && !e.label().isEmpty()) {
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            double w = fm.stringWidth(e.label()) + 6;
            double h = fm.getHeight();
            double lx = labelAt.getX() - w / 2;
            double ly = labelAt.getY() - h - 2;
            if (Math.abs(dx) < Math.abs(dy) && e.bend() == 0) { // vertical arrow: label to its right
                lx = labelAt.getX() + 6;
                ly = labelAt.getY() - h / 2;
            }
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(lx, ly, w, h));
            g.setColor(new Color(0x333333));
            g.drawString(e.label(), (float) (lx + 3), (float) (ly + fm.getAscent()));
        }
    }

    private static Point2D center(Node n) {
        return new Point2D.Double(n.bounds.getCenterX(), n.bounds.getCenterY());
    }

    /** The control point of a curved edge: the chord's midpoint pushed to the left of travel by bend rows. */
    private Point2D control(Edge e, Point2D a, Point2D b) {
        double dx = b.getX() - a.getX();
        double dy = b.getY() - a.getY();
        double len = Math.max(1e-9, Math.hypot(dx, dy));
        double off = e.bend() * cellHeight;
        return new Point2D.Double((a.getX() + b.getX()) / 2 + dy / len * off, (a.getY() + b.getY()) / 2 - dx / len * off);
    }

    private static void arrowHead(Graphics2D g, Point2D from, Point2D tip) {
        double angle = Math.atan2(tip.getY() - from.getY(), tip.getX() - from.getX());
        double size = 9;
        Path2D head = new Path2D.Double();
        head.moveTo(tip.getX(), tip.getY());
        head.lineTo(tip.getX() - size * Math.cos(angle - 0.4), tip.getY() - size * Math.sin(angle - 0.4));
        head.lineTo(tip.getX() - size * Math.cos(angle + 0.4), tip.getY() - size * Math.sin(angle + 0.4));
        head.closePath();
        g.setStroke(new BasicStroke(1f));
        g.fill(head);
    }

    /** Where the ray from the node's centre towards target leaves the node's outline. */
    private static Point2D exit(Node n, Point2D target) {
        Rectangle2D b = n.bounds;
        double cx = b.getCenterX();
        double cy = b.getCenterY();
        double dx = target.getX() - cx;
        double dy = target.getY() - cy;
        if (dx == 0 && dy == 0) {
            return new Point2D.Double(cx, cy);
        }
        if (n.circle) {
            double r = b.getWidth() / 2;
            double len = Math.hypot(dx, dy);
            return new Point2D.Double(cx + dx / len * r, cy + dy / len * r);
        }
        double sx = dx == 0 ? Double.POSITIVE_INFINITY : (b.getWidth() / 2) / Math.abs(dx);
        double sy = dy == 0 ? Double.POSITIVE_INFINITY : (b.getHeight() / 2) / Math.abs(dy);
        double s = Math.min(sx, sy);
        return new Point2D.Double(cx + dx * s, cy + dy * s);
    }

    private Node add(Node n) {
        if (!Double.isFinite(n.column) || !Double.isFinite(n.row) || n.column < 0 || n.row < 0) {
            throw new IllegalArgumentException("node \"" + n.title + "\" is at column " + n.column + ", row " + n.row
                    + "; grid positions start at 0");
        }
        nodes.add(n);
        return n;
    }

    private Node check(Node n) {
        if (n == null || !nodes.contains(n)) {
            throw new IllegalArgumentException("that node does not belong to the diagram \"" + title
                    + "\"; create it with this diagram's box(), op() or text()");
        }
        return n;
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + "(): the text is empty; give what the node stands for");
        }
        return text;
    }
}
