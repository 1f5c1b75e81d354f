package io.hookline.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The providers Hookline knows, in the order of META-INF/services/io.hookline.provider.Provider
 * (a plugin jar may add its own the same way).
 */
public final class Providers {

    private static final List<Provider> ALL = load();

    private Providers() {
    }

    private static List<Provider> load() {
        List<Provider> all = new ArrayList<>();
        ServiceLoader.load(Provider.class, Providers.class.getClassLoader()).forEach(all::add);
        return List.copyOf(all);
    }

    public static List<Provider> all() {
        return ALL;
    }

    /** By name, as Spring relaxes names: case, '-' and '_' aside; null when there is none. */
    public static Provider find(String name) {
        String wanted = canonical(name);
        return ALL.stream().filter(p -> canonical(p.id()).equals(wanted)).findFirst().orElse(null);
    }

    public static Provider byId(String id) {
        Provider p = find(id);
        if (p == null) throw new IllegalArgumentException("'" + id + "' is not a provider; use one of " + names());
        return p;
    }

    public static String names() {
        return ALL.stream().map(Provider::id).collect(Collectors.joining(", "));
    }

    private static String canonical(String name) {
        return name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
