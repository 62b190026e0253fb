"""Native model implementations (heavy dependencies are imported only inside each model package)."""
