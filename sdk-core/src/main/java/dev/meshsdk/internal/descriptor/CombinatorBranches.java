package dev.meshsdk.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps, of a failed {@code oneOf} or {@code anyOf}, the errors of the branch that matters. The validator
 * reports every branch's errors, so one mistyped comparison key in a quality rule ({@code mustbe}) became
 * one "missing required field" per operator. The branch kept is the closest: one whose value has the
 * right JSON type and whose required keys are there (its errors are deeper), else the one with the
 * fewest errors. Two common cases are said in one sentence instead: every branch only misses its own key
 * ("needs one of mustBe, mustNotBe, ..."; nothing at all when an unknown key is a typo of one of them,
 * which the unknown-key error already says), and every branch only wants another JSON type.
 */
final class CombinatorBranches {
    private CombinatorBranches() {}

    /**
     * A failed combinator said in one sentence.
     *
     * @param at       the JSON pointer of the value
     * @param oneOf    {@code oneOf} (exactly one of the options) rather than {@code anyOf}
     * @param missing  true: {@code options} are keys, one of which is missing; false: they are JSON types
     * @param options  the keys or types, in schema order
     * @param found    the value, for the types case
     */
    record Alternatives(String at, boolean oneOf, boolean missing, List<String> options, JsonNode found) {}

    /** The messages to word, in their order, and the combinators said as alternatives. */
    record Selection(List<ValidationMessage> messages, List<Alternatives> alternatives) {}

    /** One combinator evaluated at one place of the document. */
    private record Group(String evaluationPath, String at) {}

    static Selection select(Collection<ValidationMessage> messages) {
        Map<Group, Map<Integer, List<ValidationMessage>>> groups =
                new TreeMap<>((a, b) -> a.evaluationPath.length() != b.evaluationPath.length()
                        ? Integer.compare(a.evaluationPath.length(), b.evaluationPath.length())
                        : (a.evaluationPath + "|" + a.at).compareTo(b.evaluationPath + "|" + b.at));
        for (ValidationMessage m : messages) {
            // a combinator's own message ends in .../oneOf: it belongs to the branches of the combinators around it
            List<String> path = segments(m.getEvaluationPath().toString());
            for (int k = 0; k + 1 < path.size(); k++) {
                if (!path.get(k).equals("oneOf") && !path.get(k).equals("anyOf")) continue;
                Integer branch = index(path.get(k + 1));
                if (branch == null) continue;
                String at = ancestor(m.getInstanceLocation().toString(), moves(path.subList(k + 2, path.size())));
                Group g = new Group(String.join("/", path.subList(0, k + 1)), at);
                groups.computeIfAbsent(g, x -> new TreeMap<>())
                        .computeIfAbsent(branch, x -> new ArrayList<>())
                        .add(m);
            }
        }
        Set<ValidationMessage> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Alternatives> alternatives = new ArrayList<>();
        for (Map.Entry<Group, Map<Integer, List<ValidationMessage>>> e : groups.entrySet()) {
            Map<Integer, List<ValidationMessage>> branches = new LinkedHashMap<>();
            e.getValue().forEach((i, ms) -> {
                List<ValidationMessage> live =
                        ms.stream().filter(m -> !dropped.contains(m)).toList();
                if (!live.isEmpty()) branches.put(i, live);
            });
            if (branches.size() < 2) continue;
            String at = e.getKey().at;
            boolean oneOf = e.getKey().evaluationPath.endsWith("oneOf");
            Alternatives said = alternatives(at, oneOf, branches);
            if (said != null) {
                branches.values().forEach(dropped::addAll);
                if (!said.missing() || !typoOfOne(said.options(), at, messages)) alternatives.add(said);
                continue;
            }
            int best = closest(at, branches);
            branches.forEach((i, ms) -> {
                if (i != best) dropped.addAll(ms);
            });
        }
        List<ValidationMessage> kept = new ArrayList<>();
        for (ValidationMessage m : messages) {
            if (dropped.contains(m)) continue;
            // a failed combinator is explained by what was kept of its branches, or by its alternatives
            if (isCombinator(m)
                    && groups.containsKey(new Group(
                            trimSlash(m.getEvaluationPath().toString()),
                            m.getInstanceLocation().toString()))) continue;
            kept.add(m);
        }
        return new Selection(kept, alternatives);
    }

    static boolean isCombinator(ValidationMessage m) {
        return "oneOf".equals(m.getType()) || "anyOf".equals(m.getType());
    }

    /** Every branch fails only for a missing key of its own, or only for the value's JSON type: one sentence. */
    private static Alternatives alternatives(String at, boolean oneOf, Map<Integer, List<ValidationMessage>> branches) {
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        JsonNode found = null;
        for (List<ValidationMessage> ms : branches.values()) {
            if (ms.size() != 1 || !ms.get(0).getInstanceLocation().toString().equals(at)) return null;
            ValidationMessage m = ms.get(0);
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                keys.add(m.getProperty());
            } else if ("type".equals(m.getType()) && m.getSchemaNode() != null) {
                JsonNode t = m.getSchemaNode();
                if (t.isArray()) t.forEach(x -> types.add(x.asText()));
                else types.add(t.asText());
                found = m.getInstanceNode();
            } else {
                return null;
            }
        }
        if (types.isEmpty()) return new Alternatives(at, oneOf, true, keys, null);
        if (keys.isEmpty())
            return new Alternatives(at, oneOf, false, types.stream().distinct().toList(), found);
        return null;
    }

    /** Whether an unknown key of the same object is a typo of one of {@code keys}: its own error says so. */
    private static boolean typoOfOne(List<String> keys, String at, Collection<ValidationMessage> messages) {
        for (ValidationMessage m : messages) {
            boolean unknown = "unevaluatedProperties".equals(m.getType()) || "additionalProperties".equals(m.getType());
            if (unknown
                    && m.getInstanceLocation().toString().equals(at)
                    && !keys.contains(m.getProperty())
                    && Suggestions.closest(m.getProperty(), keys) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The branch the document most likely meant: the lowest score, where a wrong JSON type of the value
     * itself weighs most, then each required key of the value that is missing, then any deeper error.
     * Ties go to the first branch.
     */
    private static int closest(String at, Map<Integer, List<ValidationMessage>> branches) {
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        for (Map.Entry<Integer, List<ValidationMessage>> b : branches.entrySet()) {
            long score = 0;
            for (ValidationMessage m : b.getValue()) {
                boolean here = m.getInstanceLocation().toString().equals(at);
                if (here && "type".equals(m.getType())) score += 1_000;
                else if (here && ("required".equals(m.getType()) || "const".equals(m.getType()))) score += 10;
                else score += 1;
            }
            if (score < bestScore) {
                bestScore = score;
                best = b.getKey();
            }
        }
        return best;
    }

    /**
     * How many steps into the document the schema path {@code after} a combinator's branch goes before its
     * failing keyword (its last segment): {@code properties/x}, {@code items}, {@code additionalProperties}, ...
     * each go one level down; {@code $ref}, {@code allOf/0}, {@code then}, ... stay.
     */
    private static int moves(List<String> after) {
        int moves = 0;
        for (int k = 0; k < after.size() - 1; k++) {
            switch (after.get(k)) {
                case "properties", "patternProperties", "prefixItems" -> {
                    moves++;
                    k++;
                }
                case "items" -> {
                    moves++;
                    if (k + 2 < after.size() && index(after.get(k + 1)) != null) k++;
                }
                case "additionalProperties",
                        "unevaluatedProperties",
                        "additionalItems",
                        "unevaluatedItems",
                        "contains",
                        "propertyNames" -> moves++;
                case "allOf", "anyOf", "oneOf", "dependentSchemas" -> k++;
                default -> {} // $ref, if, then, else, not: same place
            }
        }
        return moves;
    }

    private static String ancestor(String pointer, int levels) {
        String p = pointer;
        for (int i = 0; i < levels; i++) p = Pointers.parent(p);
        return p;
    }

    private static List<String> segments(String path) {
        String p = trimSlash(path);
        return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
    }

    private static String trimSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static Integer index(String segment) {
        if (segment.isEmpty() || segment.length() > 6 || !segment.chars().allMatch(Character::isDigit)) return null;
        return Integer.valueOf(segment);
    }
}
