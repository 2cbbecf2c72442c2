package dev.herald.sasl.mapping;

import dev.herald.sasl.syntax.Dn;
import dev.herald.sasl.syntax.SyntaxException;
import dev.herald.sasl.syntax.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A DN whose attribute values may hold {@code $n} references. The DN structure (RDNs, types)
 * comes from the configuration alone; rendering only fills values, which {@link Dn#toString()}
 * then escapes, so captured text cannot add an RDN or change a type.
 */
final class DnTemplate {
    private final Dn shape;
    private final List<List<Template>> values;
    private final int maxGroup;

    private DnTemplate(Dn shape, List<List<Template>> values, int maxGroup) {
        this.shape = shape;
        this.values = values;
        this.maxGroup = maxGroup;
    }

    static DnTemplate parse(String text) throws SyntaxException {
        Dn shape = Dn.parse(text);
        List<List<Template>> values = new ArrayList<>();
        int max = -1;
        for (Dn.Rdn rdn : shape.rdns()) {
            List<Template> row = new ArrayList<>();
            for (Dn.Ava ava : rdn.avas()) {
                Template t = ava.hex() ? null : Template.parse(ava.value());
                row.add(t);
                if (t != null) {
                    max = Math.max(max, t.maxGroup());
                }
            }
            values.add(row);
        }
        return new DnTemplate(shape, values, max);
    }

    int maxGroup() {
        return maxGroup;
    }

    Dn render(IntFunction<String> groups) {
        List<Dn.Rdn> rdns = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            List<Dn.Ava> avas = new ArrayList<>();
            List<Dn.Ava> src = shape.rdns().get(i).avas();
            for (int j = 0; j < src.size(); j++) {
                Template t = values.get(i).get(j);
                Dn.Ava a = src.get(j);
                avas.add(t == null ? a : Dn.Ava.of(a.type(), t.render(groups)));
            }
            rdns.add(new Dn.Rdn(avas));
        }
        return Dn.of(rdns);
    }
}
