"""The MCP server at /mcp: AI assistants reach the same services as the GraphQL API."""
