package dl10.lib;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The datasets of the course, read from the {@code data/} folder (see {@link DataDir}): Iris,
 * the MNIST and Fashion-MNIST subsets, Moby Dick, Zachary's karate club, the
 * airline passengers series. Every call reads the files afresh; malformed
 * lines are reported with the file name and line number.
 */
public final class Datasets {
    /** The ten digit classes "0" .. "9". */
    public static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** The ten Fashion-MNIST classes, indexed by label. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Datasets() {
    }

    /**
     * Iris: 150 rows with columns sepal_length, sepal_width, petal_length, petal_width (double, cm),
     * species (setosa / versicolor / virginica) and label (int 0..2).
     */
    public static Table iris() {
        Path file = DataDir.file("iris.csv");
        List<String> lines = lines(file);
        String[] header = lines.get(0).split(",");
        if (header.length < 3) {
            throw new IllegalArgumentException(file + " line 1: expected the header 'rows,features,class names...', got '" + lines.get(0) + "'");
        }
        String[] names = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
        DoubleColumn[] features = new DoubleColumn[names.length];
        for (int c = 0; c < names.length; c++) {
            features[c] = DoubleColumn.create(names[c]);
        }
        StringColumn species = StringColumn.create("species");
        IntColumn label = IntColumn.create("label");
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = cells(file, lines, r, names.length + 1);
            for (int c = 0; c < names.length; c++) {
                features[c].append(number(file, r, cells[c]));
            }
            int l = (int) number(file, r, cells[names.length]);
            if (l < 0 || 2 + l >= header.length) {
                throw new IllegalArgumentException(file + " line " + (r + 1) + ": label " + l + " has no class name in the header");
            }
            label.append(l);
            species.append(header[2 + l].trim());
        }
        Table t = Table.create("iris");
        t.addColumns(features);
        t.addColumns(species, label);
        return t;
    }

    /** The MNIST subset: 10,000 training or 2,000 test images, 28x28, 0..1, classes "0".."9". */
    public static ImageSet mnist(Part part) {
        return idxImages("mnist", part, DIGIT_CLASSES);
    }

    /** The Fashion-MNIST subset: 10,000 training or 2,000 test images, 28x28, 0..1, see {@link #FASHION_CLASSES}. */
    public static ImageSet fashionMnist(Part part) {
        return idxImages("fashion-mnist", part, FASHION_CLASSES);
    }

    private static ImageSet idxImages(String folder, Part part, List<String> classes) {
        return ImageSet.fromIdx(DataDir.file(folder + "/" + part.filePrefix() + "-images-idx3-ubyte.gz"),
                DataDir.file(folder + "/" + part.filePrefix() + "-labels-idx1-ubyte.gz"), classes.toArray(String[]::new));
    }

    /** The whole text of Moby Dick (about 1.19 million characters). */
    public static String mobyDick() {
        return new String(bytes(DataDir.file("moby_dick.txt.gz")), StandardCharsets.UTF_8);
    }

    /**
     * Zachary's karate club: 34 members, 78 friendships weighted by how many contexts the two
     * shared, each member labelled with the faction joined after the split: 0 "Mr. Hi", 1 "Officer".
     */
    public static Graph karateClub() {
        Path labelFile = DataDir.file("karate_labels.csv");
        List<String> labelLines = lines(labelFile);
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        int[] labels = new int[labelLines.size() - 1];
        for (int r = 1; r < labelLines.size(); r++) {
            String[] cells = cells(labelFile, labelLines, r, 2);
            int node = (int) number(labelFile, r, cells[0]);
            if (node != r - 1) {
                throw new IllegalArgumentException(labelFile + " line " + (r + 1) + ": expected node " + (r - 1) + ", got " + node);
            }
            labels[node] = classIndex.computeIfAbsent(cells[1].trim(), k -> classIndex.size());
        }
        Path edgeFile = DataDir.file("karate_edges.csv");
        List<String> edgeLines = lines(edgeFile);
        int[][] edges = new int[edgeLines.size() - 1][];
        double[] weights = new double[edges.length];
        for (int r = 1; r < edgeLines.size(); r++) {
            String[] cells = cells(edgeFile, edgeLines, r, 3);
            edges[r - 1] = new int[] {(int) number(edgeFile, r, cells[0]), (int) number(edgeFile, r, cells[1])};
            weights[r - 1] = number(edgeFile, r, cells[2]);
        }
        return Graph.of(labels.length, edges, weights, labels, classIndex.keySet().toArray(String[]::new));
    }

    /** Monthly airline passengers (thousands), 1949-01 .. 1960-12: columns month ("yyyy-mm"), passengers (double). */
    public static Table airPassengers() {
        Path file = DataDir.file("AirPassengers.csv");
        List<String> lines = lines(file);
        StringColumn month = StringColumn.create("month");
        DoubleColumn passengers = DoubleColumn.create("passengers");
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = cells(file, lines, r, 2);
            month.append(cells[0].trim());
            passengers.append(number(file, r, cells[1]));
        }
        return Table.create("AirPassengers", month, passengers);
    }

    private static byte[] bytes(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    return in.readAllBytes();
                }
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath() + " (" + e.getMessage()
                    + "): restore it from git or remake it with data/make-subsets.sh", e);
        }
    }

    private static List<String> lines(Path file) {
        String text = new String(bytes(file), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Data file " + file.toAbsolutePath() + " is empty: restore it from git");
        }
        return out;
    }

    private static String[] cells(Path file, List<String> lines, int row, int expected) {
        String[] cells = lines.get(row).split(",", -1);
        if (cells.length != expected) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " line " + (row + 1) + ": expected " + expected
                    + " comma-separated values, got " + cells.length + ": '" + lines.get(row) + "'");
        }
        return cells;
    }

    private static double number(Path file, int row, String cell) {
        String s = cell.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " line " + (row + 1) + ": '" + cell + "' is not a number", e);
        }
    }
}
