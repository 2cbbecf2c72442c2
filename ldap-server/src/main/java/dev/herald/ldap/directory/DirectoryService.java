package dev.herald.ldap.directory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

import dev.herald.ldap.backend.Backend;
import dev.herald.ldap.backend.ReadTxn;
import dev.herald.ldap.backend.StoredEntry;
import dev.herald.ldap.filter.AttributeTypes;
import dev.herald.ldap.filter.FilterEvaluator;
import dev.herald.ldap.filter.FilterNormalizer;
import dev.herald.ldap.password.PasswordSchemes;
import dev.herald.ldap.schema.SubschemaEntry;
import dev.herald.ldap.settings.ServerSettings;

/**
 * The directory: every LDAP operation's meaning over a {@link Backend}. It makes names and
 * values schema-aware, checks access with the {@link AccessPolicy}, checks entries against the
 * schema, maintains operational attributes, evaluates filters and applies modifications, so
 * that every backend behaves the same; backends only store entries and find candidates. It
 * also serves the subschema entry {@code cn=schema}; the root DSE, which depends on the
 * connection, is supplied by the caller.
 *
 * <p>Errors are {@code LdapOperationException}s carrying the LDAP result code (and matchedDN
 * for noSuchObject). Thread-safe.
 */
public final class DirectoryService {

    private final SchemaManager schema;
    private final Backend backend;
    private final Dn suffix;
    private final Dn adminDn;
    private final Optional<String> adminPassword;
    private final long unindexedLimit;
    private final AccessPolicy access;
    private final SchemaValues values;
    private final SchemaChecker checker;
    private final OperationalAttributes operational;
    private final FilterNormalizer filters;
    private final Entry subschema;
    private final Dn subschemaDn;
    private final AttributeType userPassword;
    private final Set<AttributeType> computed;
    /** Entry projections shared between searches of the same shape. */
    private final EntryProjection.Cache projections;
    /** Parsed attribute lists by request list: clients send the same few lists again and again. */
    private final java.util.Map<List<String>, AttributeSelection> selections = new java.util.concurrent.ConcurrentHashMap<>();

    public DirectoryService(SchemaManager schema, Backend backend, ServerSettings settings, Clock clock)
            throws LdapException {
        this.schema = schema;
        this.backend = backend;
        this.values = new SchemaValues(schema);
        this.suffix = values.dn(settings.suffix());
        this.adminDn = values.dn(settings.adminDn());
        if (!backend.suffix().equals(suffix)) {
            throw new IllegalArgumentException("backend holds " + backend.suffix().getName() + ", settings name "
                    + settings.suffix());
        }
        this.adminPassword = settings.adminPassword();
        this.unindexedLimit = settings.limits().unindexedSearchLimit();
        this.access = new DefaultAccessPolicy(schema, adminDn, settings.anonymousRead());
        this.checker = new SchemaChecker(schema);
        this.operational = new OperationalAttributes(clock, schema);
        this.filters = new FilterNormalizer(schema);
        this.subschema = SubschemaEntry.build(schema, clock.instant());
        this.subschemaDn = subschema.getDn();
        this.userPassword = schema.getAttributeType(SchemaConstants.USER_PASSWORD_AT);
        this.projections = new EntryProjection.Cache(userPassword);
        this.computed = Set.of(
                schema.getAttributeType(SchemaConstants.ENTRY_DN_AT),
                schema.getAttributeType(SchemaConstants.HAS_SUBORDINATES_AT),
                schema.getAttributeType(SchemaConstants.SUBSCHEMA_SUBENTRY_AT));
    }

    public SchemaManager schema() {
        return schema;
    }

    public Dn suffix() {
        return suffix;
    }

    public Dn adminDn() {
        return adminDn;
    }

    public AccessPolicy access() {
        return access;
    }

    /** The subschema subentry's DN ({@code cn=schema}). */
    public Dn subschemaDn() {
        return subschemaDn;
    }

    // ---------------------------------------------------------------- bind

    /**
     * Checks a simple bind's password (RFC 4513 §5.1.3). Returns the entry's DN on success;
     * empty for a wrong password, an unknown or invalid DN, or an entry without userPassword,
     * so the caller answers invalidCredentials without saying which.
     */
    public Optional<Dn> authenticate(Dn rawDn, byte[] password) {
        Dn dn;
        try {
            dn = values.dn(rawDn);
        } catch (LdapException e) {
            PasswordSchemes.verifyDummy(password);
            return Optional.empty();
        }
        if (dn.equals(adminDn) && adminPassword.isPresent()) {
            boolean ok = PasswordSchemes.verify(password, adminPassword.get().getBytes(StandardCharsets.UTF_8));
            return ok ? Optional.of(adminDn) : Optional.empty();
        }
        Optional<Entry> entry = Optional.empty();
        if (isWithinSuffix(dn)) {
            try (ReadTxn txn = backend.openRead()) {
                entry = txn.get(dn);
            } catch (LdapException e) {
                entry = Optional.empty();
            }
        }
        Attribute stored = entry.map(e -> e.get(userPassword)).orElse(null);
        if (stored == null || stored.size() == 0) {
            PasswordSchemes.verifyDummy(password);
            return Optional.empty();
        }
        boolean ok = false;
        for (Value v : stored) {
            ok |= PasswordSchemes.verify(password, v.getBytes());
        }
        return ok ? Optional.of(entry.get().getDn()) : Optional.empty();
    }

    // ---------------------------------------------------------------- search

    /**
     * Runs a search (RFC 4511 §4.5): the root DSE for a base search at the empty DN,
     * {@code cn=schema}, or entries of the naming context, delivered to {@code listener}.
     * Under a {@link CandidateBudget} a search that may examine more candidates throws
     * {@link CandidateBudget.Exceeded} before it delivers anything.
     *
     * @param rootDse the root DSE as this connection sees it
     */
    public void search(Requestor who, SearchSpec spec, Supplier<Entry> rootDse, SearchListener listener)
            throws LdapException {
        Dn base = values.dn(spec.base());
        ExprNode filter = filters.normalize(spec.filter());
        AttributeSelection selection = selection(spec.attributes());
        FilterEvaluator evaluator = new FilterEvaluator(schema, filter);
        if (base.isEmpty()) {
            if (spec.scope() != SearchScope.OBJECT) {
                throw Errors.noSuchObject("the empty DN holds only the root DSE (base scope); search below a naming "
                        + "context, e.g. -b " + suffix.getName(), Dn.EMPTY_DN);
            }
            Entry dse = rootDse.get();
            if (evaluator.matches(dse)) {
                listener.entry(selection.apply(schema, dse, spec.typesOnly()));
            }
            return;
        }
        long budget = CandidateBudget.current();
        if (base.equals(subschemaDn)) {
            if (budget >= 0) {
                throw new CandidateBudget.Exceeded(); // large
            }
            if (spec.scope() != SearchScope.ONELEVEL && evaluator.matches(subschema)) {
                listener.entry(selection.apply(schema, subschema, spec.typesOnly()));
            }
            return;
        }
        if (!access.mayReadData(who)) {
            throw Errors.insufficientAccess("anonymous read access is disabled; bind first");
        }
        if (!isWithinSuffix(base)) {
            throw Errors.noSuchObject("not within the naming context " + suffix.getName(), Dn.EMPTY_DN);
        }
        long limit = access.isAdmin(who) ? Long.MAX_VALUE : unindexedLimit;
        // The computed attributes (and access-limited ones) go into a copy of each candidate;
        // only a filter or an attribute list that names them needs that copy.
        boolean special = mentionsSpecial(filter);
        boolean virtual = special || selection.includesAny(computed);
        try (ReadTxn txn = backend.openRead()) {
            if (!txn.exists(base)) {
                throw Errors.noSuchObject(base.getName(), matched(txn, base));
            }
            if (budget >= 0 && spec.scope() != SearchScope.OBJECT) {
                long bound = txn.candidateBound(filter);
                if (bound < 0 || bound > budget) {
                    throw new CandidateBudget.Exceeded();
                }
            }
            if (!virtual && listener.takesReturnedEntries() && !usesDnAttributes(filter)) {
                searchStored(who, txn, base, spec, filter, limit, evaluator, selection, listener);
                return;
            }
            // Without copies, entries need only the attributes tested or returned: let the
            // backend skip decoding the rest.
            EntryProjection projection = virtual ? null : projections.of(filter, selection);
            txn.search(base, spec.scope(), filter, limit, projection, candidate -> {
                if (listener.stopRequested()) {
                    return false;
                }
                if (!virtual) {
                    return !evaluator.matches(candidate)
                            || listener.entry(returned(who, candidate, selection, spec.typesOnly()));
                }
                Entry view = special ? readable(who, txn, candidate) : candidate;
                if (!evaluator.matches(view)) {
                    return true;
                }
                Entry full = special ? view : readable(who, txn, candidate);
                return listener.entry(selection.apply(schema, full, spec.typesOnly()));
            });
        }
    }

    /**
     * The search loop for listeners that take {@link ReturnedEntry}s: candidates come as
     * stored, with only the tested attributes decoded for the filter; the returned attributes'
     * stored bytes are copied into the response as they are. The same attributes as
     * {@link #returned}: the selected ones, userPassword only where the requestor may read it.
     * (A filter with {@code :dn:} needs each candidate's DN in the tested entry: not here.)
     */
    private void searchStored(Requestor who, ReadTxn txn, Dn base, SearchSpec spec, ExprNode filter, long limit,
            FilterEvaluator evaluator, AttributeSelection selection, SearchListener listener) throws LdapException {
        ReturnedEntry out = new ReturnedEntry();
        boolean typesOnly = spec.typesOnly();
        txn.searchStored(base, spec.scope(), filter, limit, projections.ofTested(filter), candidate -> {
            if (listener.stopRequested()) {
                return false;
            }
            if (!evaluator.matches(candidate.tested())) {
                return true;
            }
            out.reset(candidate.dnName());
            StoredEntry.AttributeCursor attributes = candidate.attributes();
            while (attributes.next()) {
                AttributeType at = attributes.type();
                if (!attributes.typeIs(selection) || (AttributeTypes.same(at, userPassword)
                        && !access.mayReadAttribute(who, candidate.dn(), userPassword))) {
                    continue;
                }
                out.startAttribute(attributes.upIdUtf8());
                while (!typesOnly && attributes.nextValue()) {
                    out.addValue(attributes.valueBuffer(), attributes.valueOffset(), attributes.valueLength());
                }
            }
            return listener.entry(out);
        });
    }

    /** Whether an extensible match of the filter also matches the DN's attributes (RFC 4511 §4.5.1.7.7). */
    private static boolean usesDnAttributes(ExprNode node) {
        if (node instanceof BranchNode b) {
            for (ExprNode c : b.getChildren()) {
                if (usesDnAttributes(c)) {
                    return true;
                }
            }
            return false;
        }
        return node instanceof ExtensibleNode x && x.hasDnAttributes();
    }

    /** {@link AttributeSelection#of}, remembered per list (bounded). */
    private AttributeSelection selection(List<String> attributes) {
        AttributeSelection known = selections.get(attributes);
        if (known != null) {
            return known;
        }
        AttributeSelection s = AttributeSelection.of(schema, attributes);
        if (selections.size() >= 1024) {
            selections.clear();
        }
        selections.put(List.copyOf(attributes), s);
        return s;
    }

    /**
     * A stored entry as returned when no computed attribute is asked for: the selected
     * attributes the requestor may read, taken over without copying (entries from a backend
     * are read-only, and so are the entries handed to the listener).
     */
    private Entry returned(Requestor who, Entry stored, AttributeSelection selection, boolean typesOnly)
            throws LdapException {
        boolean hidePassword = stored.containsAttribute(userPassword)
                && !access.mayReadAttribute(who, stored.getDn(), userPassword);
        Entry out = new DefaultEntry(schema, stored.getDn());
        for (Attribute a : stored) {
            AttributeType at = a.getAttributeType();
            if ((hidePassword && AttributeTypes.same(at, userPassword)) || !selection.includes(at)) {
                continue;
            }
            out.put(typesOnly ? new DefaultAttribute(a.getUpId(), at) : a);
        }
        return out;
    }

    /**
     * Reads the entries with these DNs again, as a search would return them (used for the
     * later pages of a paged search). Entries gone meanwhile are skipped.
     */
    public void read(Requestor who, List<Dn> dns, List<String> attributes, boolean typesOnly, SearchListener listener)
            throws LdapException {
        if (!access.mayReadData(who)) {
            throw Errors.insufficientAccess("anonymous read access is disabled; bind first");
        }
        AttributeSelection selection = AttributeSelection.of(schema, attributes);
        try (ReadTxn txn = backend.openRead()) {
            for (Dn dn : dns) {
                if (listener.stopRequested()) {
                    return;
                }
                Optional<Entry> stored = dn.equals(subschemaDn) ? Optional.of(subschema) : txn.get(dn);
                if (stored.isEmpty()) {
                    continue;
                }
                Entry full = stored.get() == subschema ? subschema : readable(who, txn, stored.get());
                if (!listener.entry(selection.apply(schema, full, typesOnly))) {
                    return;
                }
            }
        }
    }

    /** Whether the filter names a computed or access-restricted attribute. */
    private boolean mentionsSpecial(ExprNode node) {
        if (node instanceof BranchNode b) {
            for (ExprNode c : b.getChildren()) {
                if (mentionsSpecial(c)) {
                    return true;
                }
            }
            return false;
        }
        if (node instanceof LeafNode l) {
            AttributeType at = l.getAttributeType();
            return at == null || computed.contains(at) || AttributeTypes.same(at, userPassword);
        }
        return false;
    }

    /** A copy of a stored entry as this requestor may read it, with the computed attributes. */
    private Entry readable(Requestor who, ReadTxn txn, Entry stored) throws LdapException {
        Entry view = stored.clone();
        if (view.containsAttribute(userPassword) && !access.mayReadAttribute(who, view.getDn(), userPassword)) {
            view.removeAttributes(userPassword);
        }
        OperationalAttributes.addVirtual(view, txn.hasChildren(view.getDn()));
        return view;
    }

    // ---------------------------------------------------------------- compare

    /**
     * Compares an attribute value (RFC 4511 §4.10): true or false, or an error — noSuchObject,
     * noSuchAttribute when the entry has no such attribute, inappropriateMatching when the type
     * has no equality rule. userPassword is compared with the password schemes, as slapd does.
     */
    public boolean compare(Requestor who, Dn rawDn, String attribute, Value rawValue) throws LdapException {
        Dn dn = values.dn(rawDn);
        AttributeType at = values.attributeType(attribute);
        Entry entry;
        if (dn.equals(subschemaDn)) {
            entry = subschema;
        } else {
            if (!access.mayReadData(who)) {
                throw Errors.insufficientAccess("anonymous read access is disabled; bind first");
            }
            if (!isWithinSuffix(dn)) {
                throw Errors.noSuchObject("not within the naming context " + suffix.getName(), Dn.EMPTY_DN);
            }
            try (ReadTxn txn = backend.openRead()) {
                Optional<Entry> stored = txn.get(dn);
                if (stored.isEmpty()) {
                    throw Errors.noSuchObject(dn.getName(), matched(txn, dn));
                }
                entry = stored.get().clone();
                OperationalAttributes.addVirtual(entry, txn.hasChildren(dn));
            }
            if (!access.mayReadAttribute(who, dn, at)) {
                throw Errors.insufficientAccess("no compare access to " + attribute);
            }
        }
        if (at.equals(userPassword)) {
            Attribute stored = entry.get(userPassword);
            if (stored == null) {
                throw Errors.error(ResultCodeEnum.NO_SUCH_ATTRIBUTE, attribute + ": no such attribute");
            }
            byte[] presented = rawValue.isHumanReadable()
                    ? rawValue.getString().getBytes(StandardCharsets.UTF_8) : rawValue.getBytes();
            boolean ok = false;
            for (Value v : stored) {
                ok |= PasswordSchemes.verify(presented, v.getBytes());
            }
            return ok;
        }
        if (at.getEquality() == null) {
            throw Errors.error(ResultCodeEnum.INAPPROPRIATE_MATCHING, attribute + ": no equality matching rule");
        }
        SchemaValues.value(at, rawValue);
        boolean found = false;
        for (Attribute a : entry) {
            AttributeType t = a.getAttributeType();
            if (!(t.equals(at) || t.isDescendantOf(at))) {
                continue;
            }
            found = true;
            if (t.getEquality() != null && a.contains(SchemaValues.value(t, rawValue))) {
                return true;
            }
        }
        if (!found) {
            throw Errors.error(ResultCodeEnum.NO_SUCH_ATTRIBUTE, attribute + ": no such attribute");
        }
        return false;
    }

    // ---------------------------------------------------------------- updates

    /** Adds an entry (RFC 4511 §4.7). */
    public void add(Requestor who, Dn rawDn, Entry raw) throws LdapException {
        Dn dn = values.dn(rawDn);
        access.checkWrite(who, AccessPolicy.Write.ADD, dn, List.of());
        if (!isWithinSuffix(dn)) {
            throw Errors.error(ResultCodeEnum.UNWILLING_TO_PERFORM,
                    "no global superior knowledge: " + dn.getName() + " is not within " + suffix.getName());
        }
        for (Attribute a : raw) {
            requireUserModifiable(a);
        }
        Entry entry = values.entry(dn, raw);
        checker.check(entry);
        operational.onCreate(entry, who.dn());
        backend.write(txn -> {
            if (txn.get(dn).isPresent()) {
                throw Errors.error(ResultCodeEnum.ENTRY_ALREADY_EXISTS, dn.getName() + " already exists");
            }
            if (!dn.equals(suffix) && txn.get(dn.getParent()).isEmpty()) {
                throw Errors.noSuchObject("parent of " + dn.getName() + " does not exist", matched(txn, dn));
            }
            txn.add(entry);
            return null;
        });
    }

    /** Applies a Modify request's changes (RFC 4511 §4.6) atomically. */
    public void modify(Requestor who, Dn rawDn, List<Modification> rawModifications) throws LdapException {
        Dn dn = values.dn(rawDn);
        List<Modification> modifications = new ArrayList<>(rawModifications.size());
        for (Modification m : rawModifications) {
            requireUserModifiable(m.getAttribute());
            modifications.add(values.modification(m));
        }
        access.checkWrite(who, AccessPolicy.Write.MODIFY, dn, modifications);
        backend.write(txn -> {
            Optional<Entry> stored = txn.get(dn);
            if (stored.isEmpty()) {
                throw Errors.noSuchObject(dn.getName(), matched(txn, dn));
            }
            Entry updated = stored.get().clone();
            ModificationApplier.apply(updated, modifications);
            checker.check(updated);
            operational.onModify(updated, who.dn());
            txn.replace(updated);
            return null;
        });
    }

    /** Deletes a leaf entry (RFC 4511 §4.8); notAllowedOnNonLeaf (66) for an entry with children. */
    public void delete(Requestor who, Dn rawDn) throws LdapException {
        Dn dn = values.dn(rawDn);
        access.checkWrite(who, AccessPolicy.Write.DELETE, dn, List.of());
        backend.write(txn -> {
            if (txn.get(dn).isEmpty()) {
                throw Errors.noSuchObject(dn.getName(), matched(txn, dn));
            }
            if (txn.hasChildren(dn)) {
                throw Errors.error(ResultCodeEnum.NOT_ALLOWED_ON_NON_LEAF, dn.getName() + " has children");
            }
            txn.delete(dn);
            return null;
        });
    }

    /** Renames and/or moves an entry with its subtree (RFC 4511 §4.9). */
    public void rename(Requestor who, Dn rawDn, Rdn rawNewRdn, boolean deleteOldRdn, Dn rawNewSuperior)
            throws LdapException {
        Dn dn = values.dn(rawDn);
        Rdn newRdn = values.rdn(rawNewRdn);
        Dn newSuperior = rawNewSuperior == null ? null : values.dn(rawNewSuperior);
        access.checkWrite(who, AccessPolicy.Write.RENAME, dn, List.of());
        if (dn.equals(suffix)) {
            throw Errors.error(ResultCodeEnum.UNWILLING_TO_PERFORM, "cannot rename the naming context entry");
        }
        backend.write(txn -> {
            Optional<Entry> stored = txn.get(dn);
            if (stored.isEmpty()) {
                throw Errors.noSuchObject(dn.getName(), matched(txn, dn));
            }
            Dn parent = dn.getParent();
            if (newSuperior != null) {
                if (!isWithinSuffix(newSuperior)) {
                    throw Errors.error(ResultCodeEnum.AFFECTS_MULTIPLE_DSAS,
                            "new superior " + newSuperior.getName() + " is not within " + suffix.getName());
                }
                if (newSuperior.equals(dn) || newSuperior.isDescendantOf(dn)) {
                    throw Errors.error(ResultCodeEnum.UNWILLING_TO_PERFORM,
                            "new superior is the entry itself or one of its descendants");
                }
                if (txn.get(newSuperior).isEmpty()) {
                    throw Errors.noSuchObject("new superior " + newSuperior.getName() + " does not exist",
                            matched(txn, newSuperior));
                }
                parent = newSuperior;
            }
            Dn newDn = parent.add(newRdn);
            if (!newDn.equals(dn) && txn.get(newDn).isPresent()) {
                throw Errors.error(ResultCodeEnum.ENTRY_ALREADY_EXISTS, newDn.getName() + " already exists");
            }
            Entry updated = stored.get().clone();
            updated.setDn(newDn);
            for (Ava ava : newRdn) {
                AttributeType at = ava.getAttributeType();
                if (!at.isUserModifiable()) {
                    throw Errors.error(ResultCodeEnum.CONSTRAINT_VIOLATION, ava.getType() + ": no user modification allowed");
                }
                Attribute a = updated.get(at);
                if (a == null || !a.contains(ava.getValue())) {
                    updated.add(at, ava.getValue());
                }
            }
            if (deleteOldRdn) {
                for (Ava old : dn.getRdn()) {
                    if (!contains(newRdn, old)) {
                        updated.remove(old.getAttributeType(), old.getValue());
                        Attribute left = updated.get(old.getAttributeType());
                        if (left != null && left.size() == 0) {
                            updated.removeAttributes(old.getAttributeType());
                        }
                    }
                }
            }
            checker.check(updated);
            operational.onModify(updated, who.dn());
            txn.rename(dn, updated);
            return null;
        });
    }

    /** NO-USER-MODIFICATION attributes (RFC 4512 §4.1.2) are the server's: constraintViolation. */
    private void requireUserModifiable(Attribute a) throws LdapException {
        AttributeType at = a.getAttributeType() != null ? a.getAttributeType() : values.attributeType(a.getUpId());
        if (!at.isUserModifiable()) {
            throw Errors.error(ResultCodeEnum.CONSTRAINT_VIOLATION, a.getUpId() + ": no user modification allowed");
        }
    }

    private static boolean contains(Rdn rdn, Ava ava) {
        for (Ava a : rdn) {
            if (a.getAttributeType().equals(ava.getAttributeType()) && a.getValue().equals(ava.getValue())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- loading

    /**
     * Stores entries read from LDIF (schema-aware) in one write transaction, parents before
     * children, filling in missing operational attributes. Every entry is schema-checked; an
     * error names the entry. Existing entries with the same DN are an error.
     *
     * @return the number of entries stored
     */
    public int importEntries(List<Entry> entries) throws LdapException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(e -> e.getDn().size()));
        for (Entry e : sorted) {
            try {
                if (!isWithinSuffix(e.getDn())) {
                    throw Errors.error(ResultCodeEnum.UNWILLING_TO_PERFORM, "not within " + suffix.getName());
                }
                checker.check(e);
                operational.onImport(e, adminDn);
            } catch (LdapException ex) {
                throw new LdapException("entry " + e.getDn().getName() + ": " + ex.getMessage(), ex);
            }
        }
        return backend.write(txn -> {
            for (Entry e : sorted) {
                try {
                    txn.add(e);
                } catch (LdapException ex) {
                    throw new LdapException("entry " + e.getDn().getName() + ": " + ex.getMessage(), ex);
                }
            }
            return sorted.size();
        });
    }

    /** Whether the naming context entry exists yet. */
    public boolean hasSuffixEntry() throws LdapException {
        try (ReadTxn txn = backend.openRead()) {
            return txn.get(suffix).isPresent();
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean isWithinSuffix(Dn dn) {
        return dn.equals(suffix) || dn.isDescendantOf(suffix);
    }

    /** The deepest existing ancestor of {@code dn} within the naming context (RFC 4511 §4.1.9). */
    private Dn matched(ReadTxn txn, Dn dn) throws LdapException {
        if (!isWithinSuffix(dn)) {
            return Dn.EMPTY_DN;
        }
        for (Dn p = dn.getParent(); p != null && !p.isEmpty() && isWithinSuffix(p); p = p.getParent()) {
            if (txn.get(p).isPresent()) {
                return p;
            }
        }
        return Dn.EMPTY_DN;
    }
}
