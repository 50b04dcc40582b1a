"""Returns: the domain of the app (return requests, their lifecycle and the policy engine).

`returns.policy` is a pure library (no models, no I/O): it decides from facts and a policy
what can be returned and how a return request is handled, and explains every refusal.
"""
