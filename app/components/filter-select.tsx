/**
 * One filter of a list's GET form: a labelled select whose first option ("any") leaves it off. Lists
 * (the register, triage, public answers) filter with plain forms, so they work and bookmark without JavaScript.
 */
export function FilterSelect(props: { name: string; label: string; any: string; value: string | undefined; options: { value: string; label: string }[] }) {
  const { name, label, value, options } = props;
  return (
    <div className="field field--inline">
      <label className="field__label" htmlFor={name}>
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""}>
        <option value="">{props.any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
