// name: shortest-path
// description: The shortest chain of relations between two entities (mentions and passages excluded).
// param: from string Carson Denison
// param: to string Sleeper Agents
MATCH (a:Entity) WHERE toLower(a.name) = toLower($from) OR any(x IN a.aliases WHERE toLower(x) = toLower($from))
MATCH (b:Entity) WHERE toLower(b.name) = toLower($to) OR any(x IN b.aliases WHERE toLower(x) = toLower($to))
WITH a, b LIMIT 1
MATCH path = shortestPath((a)-[*..8]-(b))
WHERE all(r IN relationships(path) WHERE NOT type(r) IN ['MENTIONS', 'HAS_PASSAGE'])
RETURN path
