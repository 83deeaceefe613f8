import type { ProjectView } from '@touyan/schemas';

/** A tab of the project page (props agreed with the project page): placeholder until its owner writes it. */
export default function ProjectProgressTab(_props: { project: ProjectView }) {
  return null;
}
