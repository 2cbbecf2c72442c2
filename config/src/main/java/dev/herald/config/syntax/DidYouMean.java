package dev.herald.config.syntax;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the intended word for a misspelt one: the same word in another case or with {@code _}
 * / camelCase instead of kebab-case, else the closest candidate by edit distance (optimal string
 * alignment, so a swap of two letters counts once) when it is close enough to be a likely typo.
 */
public final class DidYouMean {

    private DidYouMean() {}

    public static Optional<String> suggest(String given, Collection<String> candidates) {
        String squashedGiven = squash(given);
        for (String c : candidates) {
            if (squash(c).equals(squashedGiven)) {
                return Optional.of(c);
            }
        }
        String lowerGiven = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(lowerGiven, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.min(3, Math.max(given.length(), best.length()) / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Lower case without separators, so {@code data_dir}, {@code dataDir} and {@code data-dir} agree. */
    private static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '-' && ch != '_' && ch != ' ' && ch != '.') {
                sb.append(Character.toLowerCase(ch));
            }
        }
        return sb.toString();
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
