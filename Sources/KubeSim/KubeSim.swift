/// The KubeSim module's namespace.
package enum KubeSimModule {}
