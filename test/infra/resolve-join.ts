/**
 * Render a CloudFormation string value (plain, `Ref`, `Fn::GetAtt` or `Fn::Join` of those) as
 * text with `<LogicalId>` / `<LogicalId.Attr>` / `<AWS::Region>` placeholders, so tests can
 * compare command lines and parse JSON that embeds ARNs.
 */
export function resolveJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') return `<${object.Ref}>`;
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const join = object['Fn::Join'];
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map(resolveJoin).join(separator);
    }
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}
