package dl10.lib;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DatasetsTest {
    @TempDir
    Path temp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataDir.PROPERTY);
    }

    static int[] perClass(int[] labels, int classes) {
        int[] n = new int[classes];
        for (int l : labels) {
            n[l]++;
        }
        return n;
    }

    @Test
    void partsNameTheirFiles() {
        assertEquals("train", Part.TRAIN.filePrefix());
        assertEquals("t10k", Part.TEST.filePrefix());
    }

    @Test
    void irisHasNamedColumnsAndFiftyOfEachSpecies() {
        Table iris = Datasets.iris();
        assertEquals(150, iris.rowCount());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species", "label"), iris.columnNames());
        assertEquals(ColumnType.DOUBLE, iris.column("sepal_length").type());
        assertEquals(ColumnType.STRING, iris.column("species").type());
        assertEquals(ColumnType.INTEGER, iris.column("label").type());
        assertEquals(5.1, iris.doubleColumn("sepal_length").get(0));
        assertEquals("setosa", iris.stringColumn("species").get(0));
        assertEquals("virginica", iris.stringColumn("species").get(149));
        assertArrayEquals(new int[] {50, 50, 50}, perClass(Tables.ints(iris, "label"), 3));
    }

    @Test
    void mnistSubsetsAreClassBalanced() {
        ImageSet train = Datasets.mnist(Part.TRAIN);
        ImageSet test = Datasets.mnist(Part.TEST);
        assertEquals(10_000, train.size());
        assertEquals(2_000, test.size());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        for (int n : perClass(train.labels(), 10)) {
            assertEquals(1000, n);
        }
        for (int n : perClass(test.labels(), 10)) {
            assertEquals(200, n);
        }
        assertEquals(5, train.label(0)); // the first MNIST training image is a 5
        assertEquals(7, test.label(0));  // the first test image is a 7
        assertEquals("7", test.className(0));
    }

    @Test
    void fashionMnistSubsetsAreClassBalancedWithNames() {
        ImageSet train = Datasets.fashionMnist(Part.TRAIN);
        ImageSet test = Datasets.fashionMnist(Part.TEST);
        assertEquals(10_000, train.size());
        assertEquals(2_000, test.size());
        for (int n : perClass(test.labels(), 10)) {
            assertEquals(200, n);
        }
        assertEquals("Ankle boot", train.className(0)); // the first Fashion-MNIST image is an ankle boot
        assertEquals(Datasets.FASHION_CLASSES, List.of(train.classNames()));
        float max = 0;
        for (float v : train.pixels(0)) {
            max = Math.max(max, v);
        }
        assertTrue(max > 0.9f && max <= 1f);
    }

    @Test
    void mobyDickIsTheWholeBook() {
        String text = Datasets.mobyDick();
        assertTrue(text.startsWith("CHAPTER 1. Loomings."));
        assertTrue(text.contains("Call me Ishmael."));
        assertTrue(text.length() > 1_150_000 && text.length() < 1_210_000, "length " + text.length());
        assertEquals(83, CharVocabulary.of(text).size());
    }

    @Test
    void karateClubHasTwoFactionsOfSeventeen() {
        Graph g = Datasets.karateClub();
        assertEquals(34, g.nodeCount());
        assertEquals(78, g.edgeCount());
        assertArrayEquals(new String[] {"Mr. Hi", "Officer"}, g.classNames());
        assertArrayEquals(new int[] {17, 17}, perClass(g.labels(), 2));
        assertEquals(16, g.degree(0));
        assertEquals(17, g.degree(33));
        assertArrayEquals(new int[] {0, 1}, g.edges()[0]);
        assertEquals(4.0, g.weights()[0]);
    }

    @Test
    void airPassengersIsMonthly1949To1960() {
        Table t = Datasets.airPassengers();
        assertEquals(144, t.rowCount());
        assertEquals(List.of("month", "passengers"), t.columnNames());
        assertEquals("1949-01", t.stringColumn("month").get(0));
        assertEquals("1960-12", t.stringColumn("month").get(143));
        assertEquals(112.0, t.doubleColumn("passengers").get(0));
    }

    @Test
    void malformedLineIsReportedWithFileAndLine() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("AirPassengers.csv"), "month,value\n1949-01,112\n1949-02,eleven\n");
        System.setProperty(DataDir.PROPERTY, data.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Datasets::airPassengers);
        assertTrue(e.getMessage().contains("AirPassengers.csv line 3: 'eleven' is not a number"), e.getMessage());
        Files.writeString(data.resolve("AirPassengers.csv"), "month,value\n1949-01,112,7\n");
        e = assertThrows(IllegalArgumentException.class, Datasets::airPassengers);
        assertTrue(e.getMessage().contains("AirPassengers.csv line 2: expected 2 comma-separated values, got 3"), e.getMessage());
    }

    @Test
    void emptyOrMissingDatasetIsReported() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("iris.csv"), "\n");
        System.setProperty(DataDir.PROPERTY, data.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Datasets::iris);
        assertTrue(e.getMessage().contains("iris.csv is empty"), e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Datasets.mnist(Part.TEST));
        assertTrue(missing.getMessage().contains(data.resolve("mnist/t10k-images-idx3-ubyte.gz").toAbsolutePath().toString()),
                missing.getMessage());
    }
}
