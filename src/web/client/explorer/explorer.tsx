import './workers';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './explorer.css';
import { exampleTabs } from './examples';
import { createFetcher } from './fetcher';

/** GraphiQL on Dorfmarkt's own endpoint, with the example stories as its first tabs. */
const endpoint = new URL('/graphql', window.location.href);
const socket = new URL(endpoint);
socket.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = createFetcher(endpoint.href, socket.href);

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={exampleTabs}
    defaultHeaders={exampleTabs[0].headers}
    isHeadersEditorEnabled
    defaultEditorToolsVisibility
  />,
);
