package dl10.lib;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class TablesTest {
    static Table table() {
        return Table.create("t", DoubleColumn.create("x", 1.5, 2.5), IntColumn.create("y", 3, 4), StringColumn.create("s", "a", "b"));
    }

    @Test
    void matrixIntsAndDoublesReadColumns() {
        float[][] m = Tables.matrix(table(), "y", "x");
        assertArrayEquals(new float[] {3, 1.5f}, m[0]);
        assertArrayEquals(new float[] {4, 2.5f}, m[1]);
        assertArrayEquals(new int[] {3, 4}, Tables.ints(table(), "y"));
        assertArrayEquals(new double[] {1.5, 2.5}, Tables.doubles(table(), "x"));
        float[][] iris = Tables.matrix(Datasets.iris(), "sepal_length", "petal_width");
        assertEquals(150, iris.length);
        assertArrayEquals(new float[] {5.1f, 0.2f}, iris[0]);
    }

    @Test
    void unknownColumnListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.matrix(table(), "x", "z"));
        assertTrue(e.getMessage().contains("Table 't' (2 rows) has no column 'z'; its columns are [x, y, s]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.ints(table(), "label"));
        assertTrue(e.getMessage().contains("has no column 'label'"), e.getMessage());
    }

    @Test
    void nonNumericFractionalAndMissingValuesAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.doubles(table(), "s"));
        assertTrue(e.getMessage().contains("Column 's' of 't' (2 rows) is STRING, not numeric; numeric columns are [x, y]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.ints(table(), "x"));
        assertTrue(e.getMessage().contains("row 0 holds 1.5, not a whole number"), e.getMessage());
        Table gaps = Table.create("g", DoubleColumn.create("x", new double[] {1, Double.NaN}));
        e = assertThrows(IllegalArgumentException.class, () -> Tables.matrix(gaps, "x"));
        assertTrue(e.getMessage().contains("has 1 missing values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.matrix(table()));
        assertTrue(e.getMessage().contains("name at least one column"), e.getMessage());
    }
}
