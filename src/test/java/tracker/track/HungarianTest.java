package tracker.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

    @Test
    void findsTheKnownOptimumWhereGreedyFails() {
        // Greedy takes (0,0)=1 first and is then forced into 100; the optimum pays 2 + 2.
        double[][] cost = { { 1, 2 }, { 2, 100 } };
        assertArrayEquals(new int[] { 1, 0 }, Hungarian.solve(cost));
    }

    @Test
    void solvesClassicFourByFour() {
        double[][] cost = {
                { 82, 83, 69, 92 },
                { 77, 37, 49, 92 },
                { 11, 69, 5, 86 },
                { 8, 9, 98, 23 } };
        int[] match = Hungarian.solve(cost);
        assertArrayEquals(new int[] { 2, 1, 0, 3 }, match);
        assertEquals(140, total(cost, match));
    }

    @Test
    void wideMatrixLeavesColumnsOver() {
        double[][] cost = { { 5, 1, 9 }, { 1, 5, 9 } };
        assertArrayEquals(new int[] { 1, 0 }, Hungarian.solve(cost));
    }

    @Test
    void tallMatrixLeavesRowsOut() {
        double[][] cost = { { 9, 9 }, { 1, 5 }, { 5, 1 } };
        assertArrayEquals(new int[] { -1, 0, 1 }, Hungarian.solve(cost));
    }

    @Test
    void emptyAndDegenerateShapes() {
        assertArrayEquals(new int[0], Hungarian.solve(new double[0][0]));
        assertArrayEquals(new int[] { -1, -1 }, Hungarian.solve(new double[2][0]));
        assertArrayEquals(new int[] { 0 }, Hungarian.solve(new double[][] { { 3 } }));
    }

    @Test
    void rejectsNonFiniteCosts() {
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][] { { Double.NaN } }));
    }

    @Test
    void matchesBruteForceOnRandomRectangularMatrices() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(6);
            int cols = 1 + random.nextInt(6);
            double[][] cost = new double[rows][cols];
            for (double[] row : cost) {
                for (int c = 0; c < cols; c++) {
                    // Coarse values so ties, the hard case, are common.
                    row[c] = random.nextInt(10) / 10.0;
                }
            }
            int[] match = Hungarian.solve(cost);
            assertEquals(Math.min(rows, cols), java.util.Arrays.stream(match).filter(c -> c >= 0).count());
            assertEquals(java.util.Arrays.stream(match).filter(c -> c >= 0).distinct().count(),
                    java.util.Arrays.stream(match).filter(c -> c >= 0).count(), "a column used twice");
            assertEquals(bruteForce(cost, 0, new boolean[cols]), total(cost, match), 1e-9);
        }
    }

    private static double total(double[][] cost, int[] match) {
        double sum = 0;
        for (int r = 0; r < match.length; r++) {
            if (match[r] >= 0) {
                sum += cost[r][match[r]];
            }
        }
        return sum;
    }

    /** Minimal cost of a maximum-size assignment of rows from {@code row} on. */
    private static double bruteForce(double[][] cost, int row, boolean[] usedCols) {
        int rows = cost.length;
        int cols = cost[0].length;
        if (row == rows) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        int freeCols = 0;
        for (boolean u : usedCols) {
            freeCols += u ? 0 : 1;
        }
        // A row may be skipped only while enough rows remain to fill every column anyway.
        if (rows - row > freeCols) {
            best = bruteForce(cost, row + 1, usedCols);
        }
        for (int c = 0; c < cols; c++) {
            if (!usedCols[c]) {
                usedCols[c] = true;
                best = Math.min(best, cost[row][c] + bruteForce(cost, row + 1, usedCols));
                usedCols[c] = false;
            }
        }
        return best;
    }
}
