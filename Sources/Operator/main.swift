import Manifests
print("operator")
