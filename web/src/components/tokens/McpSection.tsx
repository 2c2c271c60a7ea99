/**
 * Settings → AI assistants (MCP): the server's address and copyable configuration for common MCP
 * clients. The token goes where <your token> stands (create one under Access tokens).
 */
import { Section } from "../Page";
import { CopyButton } from "../ui";
import styles from "./Tokens.module.css";

const TOKEN = "<your token>";

function snippets(url: string): { client: string; hint: string; text: string }[] {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  return [
    {
      client: "Claude Code",
      hint: "Run in a terminal.",
      text: `claude mcp add --transport http career-companion ${url} --header "Authorization: Bearer ${TOKEN}"`,
    },
    {
      client: "Claude Desktop",
      hint: "Settings → Developer → Edit config (claude_desktop_config.json); uses mcp-remote for the header.",
      text: JSON.stringify(
        { mcpServers: { "career-companion": { command: "npx", args: ["-y", "mcp-remote", url, "--header", `Authorization: Bearer ${TOKEN}`] } } },
        null,
        2,
      ),
    },
    {
      client: "Cursor",
      hint: "~/.cursor/mcp.json (or .cursor/mcp.json in a project).",
      text: JSON.stringify({ mcpServers: { "career-companion": { url, headers } } }, null, 2),
    },
    {
      client: "VS Code",
      hint: ".vscode/mcp.json (or “MCP: Add Server…” in the command palette).",
      text: JSON.stringify({ servers: { "career-companion": { type: "http", url, headers } } }, null, 2),
    },
  ];
}

export function McpSection() {
  const url = `${window.location.origin}/mcp`;
  return (
    <Section title="AI assistants (MCP)" heading="form-title" className="card" data-testid="mcp-config">
      <p className="muted small">
        Let an AI assistant search your jobs, move applications, log goal progress, record decisions, read your insights and draft
        cover letters. The Model Context Protocol server is at <code data-testid="mcp-url">{url}</code>; it accepts a personal access
        token and does only what the token's scopes allow (a read-only token cannot change anything).
      </p>
      {snippets(url).map((snippet) => (
        <div key={snippet.client} className={styles.snippet}>
          <div className={styles.snippetHead}>
            <h3>{snippet.client}</h3>
            <CopyButton text={snippet.text} label={`Copy ${snippet.client} configuration`} />
          </div>
          <p className="muted small">{snippet.hint}</p>
          {/* Focusable: a long line scrolls sideways, and keyboard users must be able to scroll it too. */}
          <pre tabIndex={0} aria-label={`${snippet.client} configuration`}>
            {snippet.text}
          </pre>
        </div>
      ))}
    </Section>
  );
}
