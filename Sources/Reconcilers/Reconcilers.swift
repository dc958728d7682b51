/// The control loop's namespace (filled by the control-loop issue).
package enum ReconcilersModule {}
