/** The baseline's one activity: does nothing but return, so what is measured is Temporal's own round trips. */
export interface BaselineActivities {
  project(step: number): Promise<number>;
}

export const baselineActivities: BaselineActivities = {
  async project(step: number): Promise<number> {
    return step;
  },
};
