//! The PTG language server (see docs/ARCHITECTURE.md).
