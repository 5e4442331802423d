/**
 * The base the SDK's two Delta adapters share ({@code storage-local}, {@code storage-s3}): Delta types
 * ({@link dev.meshsdk.storage.delta.DeltaTypes}), the columns' planning and changing
 * ({@link dev.meshsdk.storage.delta.DeltaColumns}), the tables' names, columns and owner properties
 * ({@link dev.meshsdk.storage.delta.DeltaTableSpecs}), with the statistics kept of tables with a subject key.
 * Public only because the adapters live in other packages: not an API for users or other adapters, and it may change
 * with any release.
 */
package dev.meshsdk.storage.delta;
