export default function Page() { return <main>Docs</main>; }
