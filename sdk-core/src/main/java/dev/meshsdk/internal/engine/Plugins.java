package dev.meshsdk.internal.engine;

import dev.meshsdk.ErrorCode;
import dev.meshsdk.MeshException;
import dev.meshsdk.spi.AdapterContext;
import dev.meshsdk.spi.MeshPlugin;
import dev.meshsdk.spi.PortBinding;
import dev.meshsdk.spi.data.PortData;
import dev.meshsdk.spi.data.PortDataFactory;
import dev.meshsdk.spi.policy.PolicyEngineFactory;
import dev.meshsdk.spi.quality.QualityEngine;
import dev.meshsdk.spi.quality.QualityEngineFactory;
import dev.meshsdk.spi.registry.Registry;
import dev.meshsdk.spi.registry.RegistryFactory;
import dev.meshsdk.spi.storage.StorageAdapter;
import dev.meshsdk.spi.storage.StorageAdapterFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The adapters, registries and engines that the loaded plugins provide, by name and server type. Creates
 * storage adapters on first use and closes them all at the end. Not thread-safe: one per {@code Mesh}.
 */
public final class Plugins implements AutoCloseable {
    private final Map<String, StorageAdapterFactory> storageByType;
    private final Map<String, RegistryFactory> registries;
    private final Map<String, QualityEngineFactory> qualityEngines;
    private final Map<String, PolicyEngineFactory> policyEngines;
    private final Map<String, PortDataFactory> portData;
    private final Map<String, dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors;
    private final Map<String, StorageAdapter> openAdapters = new LinkedHashMap<>();
    private final Map<String, QualityEngine> openEngines = new LinkedHashMap<>();
    private final Map<String, PortData> openPortData = new LinkedHashMap<>();

    public Plugins(List<MeshPlugin> plugins) {
        List<StorageAdapterFactory> storage = new ArrayList<>();
        List<RegistryFactory> regs = new ArrayList<>();
        List<QualityEngineFactory> quality = new ArrayList<>();
        List<PolicyEngineFactory> policy = new ArrayList<>();
        List<PortDataFactory> data = new ArrayList<>();
        List<dev.meshsdk.spi.usage.UsageCollectorFactory> usage = new ArrayList<>();
        for (MeshPlugin plugin : plugins) {
            data.addAll(plugin.portData());
            usage.addAll(plugin.usageCollectors());
            storage.addAll(plugin.storageAdapters());
            regs.addAll(plugin.registries());
            quality.addAll(plugin.qualityEngines());
            policy.addAll(plugin.policyEngines());
        }
        byName(storage, StorageAdapterFactory::name, "storage adapter");
        this.storageByType = byType(storage);
        this.registries = byName(regs, RegistryFactory::name, "registry");
        this.qualityEngines = byName(quality, QualityEngineFactory::name, "quality engine");
        this.policyEngines = byName(policy, PolicyEngineFactory::name, "policy engine");
        this.portData = byName(data, PortDataFactory::name, "port data module");
        this.usageCollectors = byName(usage, dev.meshsdk.spi.usage.UsageCollectorFactory::name, "usage collector");
    }

    /** Every server type some loaded adapter serves. */
    public Set<String> serverTypes() {
        return storageByType.keySet();
    }

    public boolean servesType(String serverType) {
        return serverType != null && storageByType.containsKey(serverType.toLowerCase(Locale.ROOT));
    }

    /** The adapter for a server type, created on first use. */
    public StorageAdapter storage(String serverType, AdapterContext context) {
        String type = serverType == null ? "" : serverType.toLowerCase(Locale.ROOT);
        StorageAdapterFactory factory = storageByType.get(type);
        if (factory == null) {
            throw new MeshException(
                    ErrorCode.ADAPTER_NOT_FOUND,
                    "Cannot find a storage adapter for server type '"
                            + serverType + "': loaded adapters serve " + new TreeSet<>(storageByType.keySet())
                            + "; add the module that provides it (for example mesh-storage-" + type
                            + ") to the plugin's dependencies");
        }
        return openAdapters.computeIfAbsent(factory.name(), n -> factory.create(context));
    }

    /** The name of the adapter serving a server type, for metrics and messages. */
    public String storageName(String serverType) {
        StorageAdapterFactory f = storageByType.get(serverType.toLowerCase(Locale.ROOT));
        return f == null ? serverType : f.name();
    }

    public Registry registry(String name, AdapterContext context) {
        return find(registries, name, "registry", SDK_REGISTRIES).create(context);
    }

    public QualityEngineFactory qualityEngine(String name) {
        return find(qualityEngines, name, "quality engine", Map.of());
    }

    public PolicyEngineFactory policyEngine(String name) {
        return find(policyEngines, name, "policy engine", Map.of());
    }

    public Set<String> policyEngineNames() {
        return policyEngines.keySet();
    }

    /**
     * The first quality engine, in name order, that supports the port; engines are created on first use and
     * closed with this object.
     */
    public Optional<QualityEngine> qualityEngineFor(PortBinding port, AdapterContext context) {
        for (String name : qualityEngines.keySet()) {
            QualityEngine engine =
                    openEngines.computeIfAbsent(name, n -> qualityEngines.get(n).create(context));
            if (engine.supports(port)) return Optional.of(engine);
        }
        return Optional.empty();
    }

    /** The name an open quality engine was created under. */
    public String qualityEngineName(QualityEngine engine) {
        return openEngines.entrySet().stream()
                .filter(e -> e.getValue() == engine)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(engine.getClass().getSimpleName());
    }

    /**
     * The first data module ({@link PortData}), in name order, that supports the port; each is created on first
     * use and closed with this object.
     */
    public Optional<PortData> portDataFor(PortBinding port, AdapterContext context) {
        for (String name : portData.keySet()) {
            PortData data =
                    openPortData.computeIfAbsent(name, n -> portData.get(n).create(context));
            if (data.supports(port)) return Optional.of(data);
        }
        return Optional.empty();
    }

    /** The loaded usage collectors' factories by name, in name order; the caller creates and closes collectors. */
    public Map<String, dev.meshsdk.spi.usage.UsageCollectorFactory> usageCollectors() {
        return java.util.Collections.unmodifiableMap(usageCollectors);
    }

    /** The names of the loaded data modules. */
    public Set<String> portDataNames() {
        return portData.keySet();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        List<AutoCloseable> all = new ArrayList<>(openAdapters.values());
        all.addAll(openEngines.values());
        all.addAll(openPortData.values());
        for (AutoCloseable open : all) {
            try {
                open.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            } catch (Exception e) {
                RuntimeException wrapped = new MeshException(
                        ErrorCode.INTERNAL, "Cannot close " + open.getClass().getName() + ": " + e.getMessage(), e);
                if (first == null) first = wrapped;
                else first.addSuppressed(wrapped);
            }
        }
        openAdapters.clear();
        openEngines.clear();
        openPortData.clear();
        if (first != null) throw first;
    }

    /**
     * The registries of the SDK's own modules and the module providing each: suggested for a misspelt name even when
     * their module is not loaded, and named as the module to add when the name is right but the module is missing.
     */
    private static final Map<String, String> SDK_REGISTRIES =
            Map.of("file", "dev.meshsdk:mesh-storage-local", "postgres", "dev.meshsdk:mesh-storage-postgres");

    /**
     * {@code shipped}: names the SDK's modules provide, with the module's coordinates, suggested for a misspelt name
     * besides the loaded ones.
     */
    private static <T> T find(Map<String, T> byName, String name, String what, Map<String, String> shipped) {
        T found = byName.get(name);
        if (found != null) return found;
        String module = shipped.get(name);
        if (module != null) {
            // the name is right: only its module is missing, so "perhaps you meant" the same name would not help
            throw new MeshException(
                    ErrorCode.ADAPTER_NOT_FOUND,
                    "Cannot find " + what + " '" + name + "': it is provided by " + module
                            + ", which is not loaded (loaded ones are " + byName.keySet()
                            + "); add " + module + " to the plugin's <dependencies>");
        }
        Set<String> known = new TreeSet<>(byName.keySet());
        known.addAll(shipped.keySet());
        String near = dev.meshsdk.internal.descriptor.Suggestions.closest(name, known);
        throw new MeshException(
                ErrorCode.ADAPTER_NOT_FOUND,
                "Cannot find " + what + " '" + name + "'"
                        + (near == null ? "" : "; perhaps you meant '" + near + "'")
                        + ": loaded ones are " + byName.keySet()
                        + "; check the name or add the module that provides it to the plugin's dependencies");
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name, String what) {
        Map<String, T> out = new TreeMap<>();
        for (T item : items) {
            T previous = out.put(name.apply(item), item);
            if (previous != null) {
                throw new MeshException(
                        ErrorCode.ADAPTER_NOT_FOUND,
                        "Cannot load " + what + "s: two are named '"
                                + name.apply(item) + "' (" + previous.getClass().getName() + " and "
                                + item.getClass().getName() + "); remove one of the modules from the classpath");
            }
        }
        return out;
    }

    private static Map<String, StorageAdapterFactory> byType(List<StorageAdapterFactory> factories) {
        Map<String, StorageAdapterFactory> out = new TreeMap<>();
        for (StorageAdapterFactory f : factories) {
            for (String type : f.serverTypes()) {
                StorageAdapterFactory previous = out.put(type.toLowerCase(Locale.ROOT), f);
                if (previous != null) {
                    throw new MeshException(
                            ErrorCode.ADAPTER_NOT_FOUND,
                            "Cannot load storage adapters: '"
                                    + previous.name() + "' and '" + f.name() + "' both serve server type '" + type
                                    + "'; remove one of the modules from the classpath");
                }
            }
        }
        return out;
    }
}
