package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GraphTest {
    /** A path 0-1-2 plus the edge 1-3. */
    static Graph small() {
        return Graph.of(4, new int[][] {{0, 1}, {1, 2}, {3, 1}}, new double[] {1, 2, 3}, new int[] {0, 0, 1, 1}, new String[] {"p", "q"});
    }

    @Test
    void accessorsDescribeTheGraph() {
        Graph g = small();
        assertEquals(4, g.nodeCount());
        assertEquals(3, g.edgeCount());
        assertArrayEquals(new int[] {3, 1}, g.edges()[2]);
        assertArrayEquals(new double[] {1, 2, 3}, g.weights());
        assertArrayEquals(new int[] {0, 0, 1, 1}, g.labels());
        assertArrayEquals(new String[] {"p", "q"}, g.classNames());
        assertEquals(3, g.degree(1));
        assertEquals(1, g.degree(3));
        assertArrayEquals(new int[] {0, 2, 3}, g.neighbours(1));
        assertEquals("Graph[4 nodes, 3 edges, classes [p, q]]", g.toString());
    }

    @Test
    void adjacencyIsSymmetricWithOptionalSelfLoops() {
        Graph g = small();
        float[][] a = g.adjacency(false);
        assertEquals(1f, a[1][3]);
        assertEquals(1f, a[3][1]);
        assertEquals(0f, a[0][2]);
        assertEquals(0f, a[1][1]);
        assertEquals(1f, g.adjacency(true)[1][1]);
    }

    @Test
    void normalizedAdjacencyMatchesTheFormula() {
        Graph g = small();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray n = g.normalizedAdjacency(m);
            assertEquals(new Shape(4, 4), n.getShape());
            // degrees with self loop: 2, 4, 2, 2
            assertEquals(1 / Math.sqrt(2 * 4), n.get(0, 1).getFloat(), 1e-6);
            assertEquals(1 / 4.0, n.get(1, 1).getFloat(), 1e-6);
            assertEquals(0f, n.get(0, 3).getFloat());
            assertEquals(0.5, n.get(3, 3).getFloat(), 1e-6);
            // symmetric
            assertEquals(0f, n.sub(n.transpose()).abs().max().getFloat(), 1e-7);
        }
    }

    @Test
    void badGraphsAreReported() {
        String[] c = {"p"};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Graph.of(0, new int[0][], new double[0], new int[0], c))
                .getMessage().contains("at least one node"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Graph.of(2, new int[][] {{0, 2}}, new double[] {1}, new int[2], c))
                .getMessage().contains("Edge 0 [0, 2] is not a pair of nodes in 0..1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Graph.of(2, new int[][] {{1, 1}}, new double[] {1}, new int[2], c))
                .getMessage().contains("self-loop"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Graph.of(2, new int[][] {{0, 1}, {1, 0}}, new double[] {1, 1}, new int[2], c)).getMessage().contains("repeats"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Graph.of(2, new int[][] {{0, 1}}, new double[0], new int[2], c))
                .getMessage().contains("1 edges but 0 weights"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Graph.of(2, new int[0][], new double[0], new int[3], c))
                .getMessage().contains("2 nodes but 3 labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Graph.of(1, new int[0][], new double[0], new int[] {1}, c))
                .getMessage().contains("Label 1 of node 0 is outside 0..0"));
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> small().neighbours(4)).getMessage().contains("Node 4 is outside 0..3"));
    }
}
