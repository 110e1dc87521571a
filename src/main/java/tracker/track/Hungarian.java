package tracker.track;

import java.util.Arrays;

/**
 * Minimum-cost assignment (Hungarian method with row/column potentials, O(n²·m)). Small and exact: per frame the
 * matrices are tracks × detections of one video, rarely above a hundred a side.
 */
public final class Hungarian {

    private Hungarian() {
    }

    /**
     * @param cost rectangular matrix, {@code cost[row][col]}, finite values
     * @return for each row, the column it is assigned to, or -1 when there are more rows than columns and the row is
     *         left out; every column is used at most once and the total cost is minimal
     */
    public static int[] solve(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        for (double[] row : cost) {
            if (row.length != cols) {
                throw new IllegalArgumentException("ragged cost matrix");
            }
            for (double c : row) {
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("cost " + c + " is not finite");
                }
            }
        }
        if (rows <= cols) {
            return solveWide(cost, rows, cols);
        }
        // The potentials method needs rows <= columns: solve the transpose and invert the answer.
        double[][] transposed = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                transposed[c][r] = cost[r][c];
            }
        }
        int[] colToRow = solveWide(transposed, cols, rows);
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        for (int c = 0; c < cols; c++) {
            rowToCol[colToRow[c]] = c;
        }
        return rowToCol;
    }

    /** Rows are added one at a time, each by a shortest augmenting path over reduced costs (1-based inside). */
    private static int[] solveWide(double[][] cost, int n, int m) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] rowOfCol = new int[m + 1]; // 0 = free column
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            rowOfCol[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOfCol[j0];
                int j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (reduced < minv[j]) {
                            minv[j] = reduced;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOfCol[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfCol[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfCol[j0] = rowOfCol[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        Arrays.fill(rowToCol, -1);
        for (int j = 1; j <= m; j++) {
            if (rowOfCol[j] != 0) {
                rowToCol[rowOfCol[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
