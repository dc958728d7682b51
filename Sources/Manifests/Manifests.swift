/// The rendering module's namespace.
package enum ManifestsModule {}
