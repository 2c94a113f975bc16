"""Published statistics shared by every council (DfE measures by local authority, statistical neighbours)."""
