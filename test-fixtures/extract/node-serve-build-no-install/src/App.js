export default function App() {
  return <h1>Fleet dashboard</h1>;
}
