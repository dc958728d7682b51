import KubeSim
print("kube-sim")
