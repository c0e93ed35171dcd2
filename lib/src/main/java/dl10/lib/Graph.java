package dl10.lib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * An undirected graph with labelled nodes, such as Zachary's karate club: nodes 0..n-1, each edge
 * stored once as a pair with a weight, a class label per node and the class names. It gives the
 * adjacency matrix (0/1, with or without self-loops) and the normalised adjacency
 * D^-1/2 (A+I) D^-1/2 that a graph convolutional network multiplies by.
 */
public final class Graph {
    private final int nodeCount;
    private final int[][] edges;
    private final double[] weights;
    private final int[] labels;
    private final String[] classNames;
    private final int[][] neighbours;

    private Graph(int nodeCount, int[][] edges, double[] weights, int[] labels, String[] classNames) {
        this.nodeCount = nodeCount;
        this.edges = edges;
        this.weights = weights;
        this.labels = labels;
        this.classNames = classNames;
        List<TreeSet<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            adj.add(new TreeSet<>());
        }
        for (int[] e : edges) {
            adj.get(e[0]).add(e[1]);
            adj.get(e[1]).add(e[0]);
        }
        this.neighbours = new int[nodeCount][];
        for (int i = 0; i < nodeCount; i++) {
            neighbours[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Builds a graph. Edges are 0-based node pairs (one entry per undirected edge); checks that
     * every node index, label and weight is valid and that no edge is a self-loop or repeated.
     */
    public static Graph of(int nodeCount, int[][] edges, double[] weights, int[] labels, String[] classNames) {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("A graph needs at least one node, got " + nodeCount);
        }
        if (weights.length != edges.length) {
            throw new IllegalArgumentException(edges.length + " edges but " + weights.length + " weights: give one weight per edge");
        }
        if (labels.length != nodeCount) {
            throw new IllegalArgumentException(nodeCount + " nodes but " + labels.length + " labels: give one label per node");
        }
        TreeSet<Long> seen = new TreeSet<>();
        int[][] copy = new int[edges.length][];
        for (int k = 0; k < edges.length; k++) {
            int[] e = edges[k];
            if (e.length != 2 || e[0] < 0 || e[1] < 0 || e[0] >= nodeCount || e[1] >= nodeCount) {
                throw new IllegalArgumentException("Edge " + k + " " + Arrays.toString(e) + " is not a pair of nodes in 0.." + (nodeCount - 1));
            }
            if (e[0] == e[1]) {
                throw new IllegalArgumentException("Edge " + k + " " + Arrays.toString(e) + " is a self-loop; adjacency(true) adds self-loops itself");
            }
            long key = (long) Math.min(e[0], e[1]) * nodeCount + Math.max(e[0], e[1]);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("Edge " + k + " " + Arrays.toString(e) + " repeats an earlier edge");
            }
            copy[k] = new int[] {e[0], e[1]};
        }
        for (int i = 0; i < nodeCount; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.length) {
                throw new IllegalArgumentException("Label " + labels[i] + " of node " + i + " is outside 0.." + (classNames.length - 1));
            }
        }
        return new Graph(nodeCount, copy, weights.clone(), labels.clone(), classNames.clone());
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodeCount;
    }

    /** Number of undirected edges. */
    public int edgeCount() {
        return edges.length;
    }

    /** The edges as 0-based node pairs, each undirected edge once (a copy). */
    public int[][] edges() {
        int[][] out = new int[edges.length][];
        for (int k = 0; k < edges.length; k++) {
            out[k] = edges[k].clone();
        }
        return out;
    }

    /** Weight of each edge, in the order of {@link #edges()} (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Class label of each node (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Class names, indexed by label (a copy). */
    public String[] classNames() {
        return classNames.clone();
    }

    /** Number of neighbours of node {@code i} (self-loops not counted). */
    public int degree(int i) {
        return neighbours(i).length;
    }

    /** The neighbours of node {@code i}, in increasing order. */
    public int[] neighbours(int i) {
        if (i < 0 || i >= nodeCount) {
            throw new IndexOutOfBoundsException("Node " + i + " is outside 0.." + (nodeCount - 1));
        }
        return neighbours[i].clone();
    }

    /** The symmetric 0/1 adjacency matrix A (n x n), with 1 on the diagonal if {@code withSelfLoops}. */
    public float[][] adjacency(boolean withSelfLoops) {
        float[][] a = new float[nodeCount][nodeCount];
        for (int[] e : edges) {
            a[e[0]][e[1]] = 1f;
            a[e[1]][e[0]] = 1f;
        }
        if (withSelfLoops) {
            for (int i = 0; i < nodeCount; i++) {
                a[i][i] = 1f;
            }
        }
        return a;
    }

    /**
     * The normalised adjacency D^-1/2 (A+I) D^-1/2 as an (n, n) float32 array, where A is the 0/1
     * adjacency and D the diagonal degree matrix of A+I (so every node counts itself once).
     */
    public NDArray normalizedAdjacency(NDManager manager) {
        float[][] a = adjacency(true);
        double[] invSqrt = new double[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            invSqrt[i] = 1.0 / Math.sqrt(degree(i) + 1);
        }
        float[] flat = new float[nodeCount * nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            for (int j = 0; j < nodeCount; j++) {
                flat[i * nodeCount + j] = (float) (a[i][j] * invSqrt[i] * invSqrt[j]);
            }
        }
        return manager.create(flat, new Shape(nodeCount, nodeCount));
    }

    @Override
    public String toString() {
        return "Graph[" + nodeCount + " nodes, " + edges.length + " edges, classes " + Arrays.toString(classNames) + "]";
    }
}
